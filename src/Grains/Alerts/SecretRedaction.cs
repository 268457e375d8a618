namespace SglangCi.Grains.Alerts;

/// <summary>Keeps secret URLs out of what people see: removes one from a message, or masks one for showing.</summary>
public static class SecretRedaction
{
    public const string Marker = "[redacted]";

    /// <summary>What a masked URL shows in place of its path, query and any user info (where webhook tokens live).</summary>
    public const string MaskedRest = "/…/****";

    /// <summary>A URL as it may be shown: scheme and host (and a non-default port) only, e.g.
    /// <c>https://example.webhook.office.com/…/****</c>; just the mask when it is not a URL at all.</summary>
    public static string Mask(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)
            ? $"{uri.Scheme}://{uri.Authority}{MaskedRest}"
            : "****";
    }

    public static string Redact(string text, string? secretUrl)
    {
        if (string.IsNullOrEmpty(secretUrl) || string.IsNullOrEmpty(text))
        {
            return text;
        }

        var parts = new List<string> { secretUrl, secretUrl.TrimEnd('/') };
        if (Uri.TryCreate(secretUrl, UriKind.Absolute, out var uri))
        {
            parts.Add(uri.AbsoluteUri);
            parts.Add(uri.AbsoluteUri.TrimEnd('/'));
            if (uri.PathAndQuery.Length > 1)
            {
                parts.Add(uri.PathAndQuery);
            }

            if (uri.Query.Length > 1)
            {
                parts.Add(uri.Query);
            }
        }

        foreach (var part in parts.Where(p => p.Length > 1).Distinct().OrderByDescending(p => p.Length))
        {
            text = text.Replace(part, Marker, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }
}
