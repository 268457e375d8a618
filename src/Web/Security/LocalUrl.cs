namespace SglangCi.Web.Security;

/// <summary>Return URLs after sign-in and sign-out: only paths on this site, so a link cannot send a user elsewhere.</summary>
public static class LocalUrl
{
    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";

    /// <summary>A path starting with one slash (not <c>//host</c> or <c>/\host</c>, which browsers treat as another site).</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
