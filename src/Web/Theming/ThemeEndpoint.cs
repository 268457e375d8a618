using SglangCi.Web.Security;

namespace SglangCi.Web.Theming;

/// <summary>
/// <c>GET /theme?set=auto|light|dark&amp;returnUrl=/…</c>: keeps the choice in the <c>sglci-theme</c> cookie and sends
/// the browser back to the page it came from, which then renders in the new theme. A plain link rather than a script,
/// so the switch works before the circuit is up and without JavaScript; anonymous, so the sign-in page has it too.
/// </summary>
public static class ThemeEndpoint
{
    public const string Path = "/theme";

    public static IEndpointRouteBuilder MapThemeEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, Choose).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// Stores <paramref name="set"/> and redirects to <paramref name="returnUrl"/> when that is a path on this site,
    /// else home (a link must not be able to send anyone to another site). An unknown theme is a 400 that names the
    /// three it accepts.
    /// </summary>
    public static IResult Choose(HttpContext context, string? set, string? returnUrl)
    {
        if (!ThemeChoice.TryParse(set, out var theme))
        {
            return Results.Text(
                $"Unknown theme '{set}': set must be one of {string.Join(", ", ThemeChoice.All.Select(ThemeChoice.Name))}.",
                "text/plain; charset=utf-8",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var options = ThemeChoice.CookieOptions(context.Request.IsHttps);
        if (theme == ThemeMode.Auto)
        {
            // Auto is what no cookie means: drop it rather than keep a default around.
            context.Response.Cookies.Delete(ThemeChoice.CookieName, options);
        }
        else
        {
            context.Response.Cookies.Append(ThemeChoice.CookieName, ThemeChoice.Name(theme), options);
        }

        return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }
}
