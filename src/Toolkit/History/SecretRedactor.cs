using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.History;

/// <summary>
/// Removes secrets from text before it is stored or shown: the old CI logged its full command lines, and those hold
/// Teams / Power Automate / Logic Apps webhook URLs whose query string (<c>sig=</c>) is the credential, plus the
/// occasional token. A webhook URL is cut down to its scheme and host; signatures, tokens and passwords in query
/// strings or <c>--flag=value</c> pairs become <c>&lt;redacted&gt;</c>.
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "<redacted>";

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = WebhookUrlPattern().Replace(text, m => $"{m.Groups["origin"].Value}/{Mask}");
        result = SecretParameterPattern().Replace(result, m => $"{m.Groups["key"].Value}{Mask}");
        result = GitHubTokenPattern().Replace(result, Mask);
        return BearerPattern().Replace(result, m => $"{m.Groups["key"].Value}{Mask}");
    }

    /// <summary>True when the text still holds something <see cref="Redact"/> would change.</summary>
    public static bool ContainsSecret(string? text) => !string.IsNullOrEmpty(text) && Redact(text) != text;

    [GeneratedRegex(@"(?<origin>https?://[^\s/'""]*(?:webhook\.office\.com|powerautomate|powerplatform\.com|logic\.azure\.com|hooks\.slack\.com)[^\s/'""]*)/[^\s'""]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebhookUrlPattern();

    [GeneratedRegex(@"(?<key>(?:[?&;]|--|\b)(?:sig|signature|[a-z_]*token|api[-_]?key|[a-z_]*password|[a-z_]*secret|(?:teams[-_])?webhook[-_]url)=)(?!<redacted)[^\s&'""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameterPattern();

    [GeneratedRegex(@"\bgh[pousr]_[A-Za-z0-9]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubTokenPattern();

    [GeneratedRegex(@"(?<key>\b(?:Authorization:\s*)?(?:Bearer|token)\s+)(?!<redacted)[A-Za-z0-9_\-\.]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex BearerPattern();
}
