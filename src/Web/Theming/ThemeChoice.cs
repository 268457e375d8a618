namespace SglangCi.Web.Theming;

/// <summary>The colour theme a user picked: follow the operating system, or always light, or always dark.</summary>
public enum ThemeMode
{
    Auto,
    Light,
    Dark,
}

/// <summary>A Radzen stylesheet to link, and the media query it applies under (none: always).</summary>
public sealed record ThemeStylesheet(string Href, string? Media);

/// <summary>
/// The theme choice as the server applies it: read from the <c>sglci-theme</c> cookie when a page renders, written
/// as <c>&lt;html data-theme="…"&gt;</c> (theme.css keys the palette on it) with the matching Radzen stylesheets, so
/// the first paint is already in the chosen theme. No cookie, or one this build does not know, means "auto".
/// </summary>
public static class ThemeChoice
{
    public const string CookieName = "sglci-theme";

    /// <summary>The choices in the order the top bar offers them.</summary>
    public static readonly IReadOnlyList<ThemeMode> All = [ThemeMode.Auto, ThemeMode.Light, ThemeMode.Dark];

    private const string RadzenLight = "_content/Radzen.Blazor/css/material-base.css";
    private const string RadzenDark = "_content/Radzen.Blazor/css/material-dark-base.css";

    // How long the browser keeps the choice: a year, renewed on each change.
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    /// <summary>The value of <c>data-theme</c>, of the cookie and of <c>/theme?set=</c>: <c>auto</c>, <c>light</c> or <c>dark</c>.</summary>
    public static string Name(ThemeMode theme) => theme switch
    {
        ThemeMode.Light => "light",
        ThemeMode.Dark => "dark",
        _ => "auto",
    };

    /// <summary>Parses a theme name exactly as <see cref="Name"/> writes it (case and surrounding blanks aside).</summary>
    public static bool TryParse(string? value, out ThemeMode theme)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(value?.Trim(), Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                theme = candidate;
                return true;
            }
        }

        theme = ThemeMode.Auto;
        return false;
    }

    /// <summary>The theme a cookie value asks for; anything missing or unknown is <see cref="ThemeMode.Auto"/>.</summary>
    public static ThemeMode FromCookie(string? value) => TryParse(value, out var theme) ? theme : ThemeMode.Auto;

    /// <summary>The theme of a request, from its cookie.</summary>
    public static ThemeMode FromRequest(HttpRequest request) => FromCookie(request.Cookies[CookieName]);

    /// <summary>
    /// Radzen's stylesheets for a theme. Auto links both, each under the colour scheme it is for, so the browser picks
    /// (and follows a change of the system setting without a reload).
    /// </summary>
    public static IReadOnlyList<ThemeStylesheet> RadzenStylesheets(ThemeMode theme) => theme switch
    {
        ThemeMode.Light => [new ThemeStylesheet(RadzenLight, null)],
        ThemeMode.Dark => [new ThemeStylesheet(RadzenDark, null)],
        _ =>
        [
            new ThemeStylesheet(RadzenLight, "(prefers-color-scheme: light)"),
            new ThemeStylesheet(RadzenDark, "(prefers-color-scheme: dark)"),
        ],
    };

    /// <summary>
    /// The cookie that keeps a choice: the whole site, a year, same-site requests only, out of reach of scripts (the
    /// server applies it), and essential (a display preference, not tracking).
    /// </summary>
    public static CookieOptions CookieOptions(bool secure) => new()
    {
        Path = "/",
        MaxAge = CookieLifetime,
        SameSite = SameSiteMode.Lax,
        HttpOnly = true,
        Secure = secure,
        IsEssential = true,
    };

    /// <summary>The top bar's link that switches to <paramref name="theme"/> and comes back to <paramref name="returnUrl"/>.</summary>
    public static string SwitchHref(ThemeMode theme, string returnUrl) =>
        $"{ThemeEndpoint.Path.TrimStart('/')}?set={Name(theme)}&returnUrl={Uri.EscapeDataString(returnUrl)}";
}
