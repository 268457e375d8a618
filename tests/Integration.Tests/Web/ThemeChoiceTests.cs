using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Web.Theming;

namespace SglangCi.Integration.Tests.Web;

/// <summary>
/// The theme choice: the cookie's values, the Radzen stylesheets per theme, <c>/theme</c> keeping the choice and
/// sending the browser back only to this site, and the stylesheets taking every colour from theme.css's palette.
/// </summary>
public sealed partial class ThemeChoiceTests
{
    [Fact]
    public void Cookie_values_parse_and_anything_else_is_auto()
    {
        Assert.Equal(ThemeMode.Dark, ThemeChoice.FromCookie("dark"));
        Assert.Equal(ThemeMode.Light, ThemeChoice.FromCookie(" Light "));
        Assert.Equal(ThemeMode.Auto, ThemeChoice.FromCookie("auto"));
        Assert.Equal(ThemeMode.Auto, ThemeChoice.FromCookie(null));
        Assert.Equal(ThemeMode.Auto, ThemeChoice.FromCookie(""));
        Assert.Equal(ThemeMode.Auto, ThemeChoice.FromCookie("solarized"));
        Assert.False(ThemeChoice.TryParse("1", out _));
        Assert.Equal(["auto", "light", "dark"], ThemeChoice.All.Select(ThemeChoice.Name));

        var request = new DefaultHttpContext().Request;
        request.Headers.Cookie = "other=1; sglci-theme=dark";
        Assert.Equal(ThemeMode.Dark, ThemeChoice.FromRequest(request));
    }

    [Fact]
    public void Auto_links_both_radzen_themes_under_media_queries_and_a_choice_links_one()
    {
        Assert.Equal(
        [
            new ThemeStylesheet("_content/Radzen.Blazor/css/material-base.css", "(prefers-color-scheme: light)"),
            new ThemeStylesheet("_content/Radzen.Blazor/css/material-dark-base.css", "(prefers-color-scheme: dark)"),
        ], ThemeChoice.RadzenStylesheets(ThemeMode.Auto));
        Assert.Equal([new ThemeStylesheet("_content/Radzen.Blazor/css/material-base.css", null)], ThemeChoice.RadzenStylesheets(ThemeMode.Light));
        Assert.Equal([new ThemeStylesheet("_content/Radzen.Blazor/css/material-dark-base.css", null)], ThemeChoice.RadzenStylesheets(ThemeMode.Dark));
    }

    [Fact]
    public void Switch_links_carry_the_page_to_come_back_to()
    {
        Assert.Equal("theme?set=dark&returnUrl=%2Ftrends%3Fhw%3Dmi30x%26model%3DGROK1", ThemeChoice.SwitchHref(ThemeMode.Dark, "/trends?hw=mi30x&model=GROK1"));
        Assert.Equal("theme?set=auto&returnUrl=%2F", ThemeChoice.SwitchHref(ThemeMode.Auto, "/"));
    }

    [Fact]
    public void Choosing_a_theme_sets_the_cookie_and_redirects_to_the_local_page()
    {
        var context = new DefaultHttpContext();
        var result = ThemeEndpoint.Choose(context, "dark", "/runs/abc?tab=points");

        Assert.Equal("/runs/abc?tab=points", Assert.IsType<RedirectHttpResult>(result).Url);
        var cookie = Assert.Single(context.Response.Headers.SetCookie.ToArray());
        Assert.StartsWith("sglci-theme=dark;", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=31536000", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_drops_the_cookie_and_https_marks_it_secure()
    {
        var auto = new DefaultHttpContext();
        ThemeEndpoint.Choose(auto, "auto", "/");
        var dropped = Assert.Single(auto.Response.Headers.SetCookie.ToArray());
        Assert.StartsWith("sglci-theme=;", dropped, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", dropped, StringComparison.Ordinal);

        var https = new DefaultHttpContext();
        https.Request.Scheme = "https";
        ThemeEndpoint.Choose(https, "light", "/");
        Assert.Contains("secure", Assert.Single(https.Response.Headers.SetCookie.ToArray()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/ok\r\nSet-Cookie: x=1")]
    public void A_return_url_off_this_site_goes_home(string? returnUrl)
    {
        var result = ThemeEndpoint.Choose(new DefaultHttpContext(), "light", returnUrl);
        Assert.Equal("/", Assert.IsType<RedirectHttpResult>(result).Url);
    }

    [Fact]
    public void An_unknown_theme_is_refused_with_the_accepted_names_and_no_cookie()
    {
        var context = new DefaultHttpContext();
        var result = Assert.IsType<ContentHttpResult>(ThemeEndpoint.Choose(context, "blue", "/"));

        Assert.Equal(StatusCodes.Status400BadRequest, result.StatusCode);
        Assert.Equal("Unknown theme 'blue': set must be one of auto, light, dark.", result.ResponseContent);
        Assert.Equal(0, context.Response.Headers.SetCookie.Count);
    }

    [Fact]
    public async Task The_mapped_endpoint_binds_the_query_and_answers_with_a_redirect_and_the_cookie()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapThemeEndpoint();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address) };
        using var dark = await http.GetAsync("theme?set=dark&returnUrl=%2Fcompare%3Fa%3Dr1");
        Assert.Equal(HttpStatusCode.Redirect, dark.StatusCode);
        Assert.Equal("/compare?a=r1", dark.Headers.Location?.OriginalString);
        Assert.StartsWith("sglci-theme=dark;", Assert.Single(dark.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);

        using var elsewhere = await http.GetAsync("theme?set=light&returnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/", elsewhere.Headers.Location?.OriginalString);

        using var unknown = await http.GetAsync("theme?set=sepia");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("set must be one of auto, light, dark", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await app.StopAsync();
    }

    [Fact]
    public void Every_palette_colour_has_its_light_and_dark_value_in_one_place_and_the_theme_picks_the_scheme()
    {
        var css = File.ReadAllText(Path.Combine(WebRoot, "theme.css"));
        Assert.Equal("light dark", PropertyIn(css, ":root {", "color-scheme"));
        Assert.Equal("light", PropertyIn(css, ":root[data-theme=\"light\"] {", "color-scheme"));
        Assert.Equal("dark", PropertyIn(css, ":root[data-theme=\"dark\"] {", "color-scheme"));

        var palette = Declaration().Matches(css).Where(m => m.Groups[1].Value.StartsWith("--sg-", StringComparison.Ordinal)).ToList();
        Assert.True(palette.Count > 30, $"only {palette.Count} palette variables");
        // Declared once each: a second declaration would be a copy to keep in step.
        Assert.Empty(palette.GroupBy(m => m.Groups[1].Value).Where(g => g.Count() > 1).Select(g => g.Key));
        // Text, surfaces and verdicts differ between the themes (a few, like the top bar's accent, may be the same).
        foreach (var name in new[] { "--sg-bg", "--sg-surface", "--sg-text", "--sg-muted", "--sg-border", "--sg-link", "--sg-good-bg", "--sg-bad-bg" })
        {
            var value = palette.Single(m => m.Groups[1].Value == name).Groups[2].Value;
            Assert.Matches(@"^light-dark\(.+,.+\)$", value);
        }
    }

    private static string PropertyIn(string css, string opening, string property) =>
        Regex.Match(Block(css, opening), Regex.Escape(property) + @"\s*:\s*([^;]+);").Groups[1].Value.Trim();

    [Fact]
    public void Stylesheets_take_their_colours_from_the_palette()
    {
        var root = RepositoryLayout.Discover().Root;
        var sheets = Directory.EnumerateFiles(WebRoot, "*.css")
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src", "Web"), "*.razor.css", SearchOption.AllDirectories))
            .Where(f => Path.GetFileName(f) != "theme.css" && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var found = new List<string>();
        foreach (var sheet in sheets)
        {
            var lines = File.ReadAllLines(sheet);
            for (var i = 0; i < lines.Length; i++)
            {
                // A fallback inside var(--…, #hex) only shows where the variable is missing: the variable follows the theme.
                var withoutFallbacks = VarFallback().Replace(lines[i], "");
                if (HardCodedColour().IsMatch(withoutFallbacks))
                {
                    found.Add($"{Path.GetRelativePath(root, sheet)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(found.Count == 0, "colours outside theme.css (use a --sg-… variable):\n" + string.Join('\n', found));
    }

    private static string WebRoot => Path.Combine(RepositoryLayout.Discover().Root, "src", "Web", "wwwroot");

    private static string Block(string css, string opening)
    {
        var start = css.IndexOf(opening, StringComparison.Ordinal);
        Assert.True(start >= 0, $"theme.css has no '{opening}'");
        start += opening.Length;
        return css[start..css.IndexOf('}', start)];
    }

    [GeneratedRegex(@"(--[a-z0-9-]+)\s*:\s*([^;]+);")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(")]
    private static partial Regex HardCodedColour();

    [GeneratedRegex(@"var\(--[a-z0-9-]+,\s*[^)]*\)")]
    private static partial Regex VarFallback();
}
