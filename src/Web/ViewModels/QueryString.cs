namespace SglangCi.Web.ViewModels;

/// <summary>
/// Builds the query string of a page's shareable URL: the given keys in order, empty values left out (a link
/// carries only what was chosen), values escaped. Empty when nothing was chosen, else starting with <c>?</c>.
/// </summary>
public static class QueryString
{
    public static string Of(params (string Key, string? Value)[] parts)
    {
        var chosen = parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return chosen.Count == 0 ? string.Empty : "?" + string.Join('&', chosen);
    }
}
