using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace SglangCi.Web.Security;

/// <summary>The authorization policies of the dashboard and its API.</summary>
public static class DashboardPolicies
{
    /// <summary>Acting from a script: the access token as a bearer token, never a cookie (so no cross-site request can act).</summary>
    public const string ApiAction = "api-action";

    /// <summary>Viewing when <see cref="DashboardAccessOptions.ViewRequiresSignIn"/> is set: a sign-in cookie or the bearer token.</summary>
    public const string Viewer = "viewer";

    public static void Add(AuthorizationOptions options, bool viewRequiresSignIn)
    {
        options.AddPolicy(ApiAction, policy => policy
            .AddAuthenticationSchemes(AccessTokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());

        var viewer = new AuthorizationPolicyBuilder(CookieAuthenticationDefaults.AuthenticationScheme, AccessTokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .Build();
        options.AddPolicy(Viewer, viewer);
        if (viewRequiresSignIn)
        {
            // Every endpoint without its own rule (pages, read API, the Blazor hub) then needs sign-in;
            // the sign-in page, static files and the health check opt out explicitly.
            options.FallbackPolicy = viewer;
        }
    }
}
