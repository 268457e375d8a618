using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SglangCi.Web.Security;

/// <summary>Sign-in for the dashboard: a cookie for people (signed in with the access token), the bearer token for scripts.</summary>
public static class DashboardSecurityExtensions
{
    public const string SignInPath = "/signin";

    public static WebApplicationBuilder AddDashboardSecurity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DashboardAccessOptions.SectionName);
        var access = section.Get<DashboardAccessOptions>() ?? new DashboardAccessOptions();
        builder.Services.Configure<DashboardAccessOptions>(section);
        builder.Services.AddSingleton<AccessToken>();

        builder.Services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "sglci-auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = access.SignInLifetime;
                options.SlidingExpiration = true;
                options.LoginPath = SignInPath;
                options.Events.OnRedirectToLogin = context => AnswerApiWithStatus(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => AnswerApiWithStatus(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null);

        builder.Services.AddAuthorization(options => DashboardPolicies.Add(options, access.ViewRequiresSignIn));
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<Actions.OperatorActions>();
        return builder;
    }

    /// <summary>A script calling the API gets a status code, not a redirect to an HTML sign-in page.</summary>
    private static Task AnswerApiWithStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
