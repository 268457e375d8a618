namespace SglangCi.Grains.Alerts;

/// <summary>Removes a secret URL (whole, or its path and query, where webhook tokens live) from a message.</summary>
public static class SecretRedaction
{
    public const string Marker = "[redacted]";

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
