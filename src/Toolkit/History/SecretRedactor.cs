using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.History;

/// <summary>
/// Removes secrets from text before it is stored or shown: the old CI logged its full command lines, and those hold
/// Teams / Power Automate / Logic Apps webhook URLs whose query string (<c>sig=</c>) is the credential, plus the
/// occasional token; run logs hold launch commands and environments (<c>HF_TOKEN=…</c>, <c>--api-key KEY</c>) and
/// SGLang's server-argument dump (<c>api_key='…'</c>). A webhook URL is cut down to its scheme and host; signatures,
/// tokens, keys and passwords in query strings, <c>--flag=value</c> / <c>--flag value</c> pairs, environment
/// assignments and Python reprs, and Hugging Face / GitHub tokens anywhere, become <c>&lt;redacted&gt;</c>.
/// Used by the history import and by run logs (on write and again on read).
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
        result = SecretFlagPattern().Replace(result, m => $"{m.Groups["key"].Value}{Mask}");
        result = UrlCredentialPattern().Replace(result, m => $"{m.Groups["scheme"].Value}{Mask}@");
        result = GitHubTokenPattern().Replace(result, Mask);
        result = HuggingFaceTokenPattern().Replace(result, Mask);
        return BearerPattern().Replace(result, m => $"{m.Groups["key"].Value}{Mask}");
    }

    /// <summary>True when the text still holds something <see cref="Redact"/> would change.</summary>
    public static bool ContainsSecret(string? text) => !string.IsNullOrEmpty(text) && Redact(text) != text;

    /// <summary>A URL's user info (<c>https://user:token@github.com/…</c>, how git remotes carry tokens).</summary>
    [GeneratedRegex(@"(?<scheme>\b[a-z][a-z0-9+.-]*://)(?!<redacted>@)[^\s/@'""]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentialPattern();

    [GeneratedRegex(@"(?<origin>https?://[^\s/'""]*(?:webhook\.office\.com|powerautomate|powerplatform\.com|logic\.azure\.com|hooks\.slack\.com)[^\s/'""]*)/[^\s'""]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebhookUrlPattern();

    [GeneratedRegex(@"(?<key>(?:[?&;]|--|\b)(?:sig|signature|[a-z_]*token|[a-z_-]*api[-_]?key|[a-z_]*password|[a-z_]*secret|[a-z_]*(?:secret|access)[-_]key|(?:teams[-_])?webhook[-_]url)=['""]?)(?!<redacted|None\b)[^\s&'""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameterPattern();

    /// <summary>A secret given as the next argument: <c>--api-key KEY</c>, <c>--hf-token TOKEN</c>, <c>--password PW</c>.</summary>
    [GeneratedRegex(@"(?<key>--[a-z-]*(?:token|secret|password|api-key)\s+)(?!<redacted|-)[^\s'""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretFlagPattern();

    [GeneratedRegex(@"\bhf_[A-Za-z0-9]{30,}", RegexOptions.CultureInvariant)]
    private static partial Regex HuggingFaceTokenPattern();

    [GeneratedRegex(@"\bgh[pousr]_[A-Za-z0-9]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubTokenPattern();

    [GeneratedRegex(@"(?<key>\b(?:Authorization:\s*)?(?:Bearer|token)\s+)(?!<redacted)[A-Za-z0-9_\-\.]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex BearerPattern();
}
