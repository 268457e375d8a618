using Microsoft.Extensions.Configuration;
using SglangCi.Grains.Alerts;
using SglangCi.Interfaces.Alerts;

namespace SglangCi.Silo.Alerts;

/// <summary>
/// The alert channels the configuration lists under <c>SglangCi:Alerts:Channels:{name}</c>: <c>Kind</c>
/// (<c>file</c>, <c>webhook</c>, <c>teams-webhook</c>, <c>teams-workflow</c>, <c>slack</c>), <c>FilePath</c> for a file
/// (relative to the data directory) and <c>UrlKey</c> for the others: the configuration key or environment variable
/// that holds the webhook URL, which is a secret and so never written in the channel list itself. Read once, at start,
/// so a mistake stops the start with a message naming the channel and the key.
/// </summary>
public sealed class AlertChannelSettings
{
    public const string SectionName = "SglangCi:Alerts:Channels";

    private static readonly IReadOnlyDictionary<string, AlertChannelKind> KindNames = new Dictionary<string, AlertChannelKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["file"] = AlertChannelKind.File,
        ["webhook"] = AlertChannelKind.Webhook,
        ["teams-webhook"] = AlertChannelKind.TeamsWebhook,
        ["teams-workflow"] = AlertChannelKind.TeamsWorkflow,
        ["slack"] = AlertChannelKind.Slack,
    };

    public AlertChannelSettings(IReadOnlyList<AlertChannelConfig> channels) => Channels = channels;

    public IReadOnlyList<AlertChannelConfig> Channels { get; }

    public bool Configures(string channel) => Channels.Any(c => string.Equals(c.Name, channel, StringComparison.Ordinal));

    /// <exception cref="InvalidOperationException">A listed channel is incomplete or wrong; the message names it and the key.</exception>
    public static AlertChannelSettings Read(IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var channels = new List<AlertChannelConfig>();
        foreach (var section in configuration.GetSection(SectionName).GetChildren())
        {
            channels.Add(ReadChannel(configuration, section, dataDirectory));
        }

        return new AlertChannelSettings(channels);
    }

    private static AlertChannelConfig ReadChannel(IConfiguration configuration, IConfigurationSection section, string dataDirectory)
    {
        var name = section.Key;
        var kindText = section["Kind"];
        if (string.IsNullOrWhiteSpace(kindText) || !KindNames.TryGetValue(kindText.Trim(), out var kind))
        {
            throw Bad(section, "Kind", $"'{kindText}' is not one of {string.Join(", ", KindNames.Keys)}");
        }

        if (kind == AlertChannelKind.File)
        {
            var path = section["FilePath"];
            if (string.IsNullOrWhiteSpace(path))
            {
                throw Bad(section, "FilePath", "a file channel needs the path of the JSON-lines file it appends to");
            }

            return new AlertChannelConfig(name, kind, Path.GetFullPath(path, dataDirectory), SecretName: null);
        }

        var urlKey = section["UrlKey"];
        if (string.IsNullOrWhiteSpace(urlKey))
        {
            throw Bad(section, "UrlKey", $"a {kindText} channel needs the configuration key or environment variable that holds its URL (e.g. SGLCI_TEAMS_WEBHOOK)");
        }

        if (WebhookUrls.IsUrl(urlKey))
        {
            // Never echo it: it is the secret itself, in the wrong place.
            throw Bad(section, "UrlKey", "holds a URL; it must name the configuration key or environment variable holding the URL, which stays out of the channel list");
        }

        var url = WebhookUrls.Resolve(configuration, urlKey);
        if (url is null)
        {
            throw Bad(section, "UrlKey", $"names '{urlKey}', but neither configuration nor the environment holds a URL under it");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            throw Bad(section, "UrlKey", $"'{urlKey}' does not hold an http(s) URL");
        }

        return new AlertChannelConfig(name, kind, FilePath: null, SecretName: urlKey);
    }

    private static InvalidOperationException Bad(IConfigurationSection section, string key, string why) =>
        new($"alert channel '{section.Key}': {section.Path}:{key} {why}");
}
