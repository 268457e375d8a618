using Microsoft.Extensions.Configuration;

namespace SglangCi.Grains.Alerts;

/// <summary>Where a webhook URL (a secret) is looked up by the name a channel keeps instead of the URL itself.</summary>
public static class WebhookUrls
{
    /// <summary>
    /// The URL under <paramref name="key"/>: a configuration key, or else an environment variable of that name (so
    /// <c>SGLCI_TEAMS_WEBHOOK</c> works whether or not the host maps the environment into configuration); null when
    /// neither holds one.
    /// </summary>
    public static string? Resolve(IConfiguration configuration, string? key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var url = configuration[key];
        url = string.IsNullOrWhiteSpace(url) ? Environment.GetEnvironmentVariable(key) : url;
        return string.IsNullOrWhiteSpace(url) ? null : url;
    }

    /// <summary>True when a value meant to name where the URL is holds a URL itself (the secret in the wrong place).</summary>
    public static bool IsUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase);
}
