using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SglangCi.Web.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;access token&gt;</c> for scripts calling the API. No cookie is involved, so a
/// request another site makes a browser send can never carry it: API actions need no antiforgery token.
/// </summary>
public sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessToken token)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";

    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!token.Matches(header[Prefix.Length..]))
        {
            return Task.FromResult(AuthenticateResult.Fail("the bearer token is not the dashboard's access token"));
        }

        // A script has no name of its own; the user agent says which tool it was, for the audit log.
        var agent = Request.Headers.UserAgent.ToString();
        var who = $"api ({(agent.Length > 0 ? agent : "no user agent")})";
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, who)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Pages are challenged by the sign-in cookie (a redirect to the sign-in page); answering 401 there too
        // would overwrite that redirect.
        if (!Request.Path.StartsWithSegments("/api"))
        {
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
