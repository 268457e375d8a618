using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// Waiting for the page to be at a URL, whatever took it there. Inside the interactive circuit a navigation is a
/// <c>pushState</c>/<c>replaceState</c> with no load; <c>WaitForURLAsync</c> waits for a navigation event, and one that
/// lands between its check of the current URL and the start of its wait is never delivered (CI timed out on that). An
/// assertion on the URL itself polls, so it sees the URL however and whenever it changed.
/// </summary>
public static class PageNavigation
{
    /// <summary>Time for a full server render of a page over the imported history on a loaded machine.</summary>
    public const float Timeout = 30_000;

    /// <summary>Waits until the URL's path and query (everything after the host) match <paramref name="pattern"/> whole.</summary>
    public static Task ExpectAtAsync(this IPage page, [StringSyntax(StringSyntaxAttribute.Regex)] string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex($"^[a-z]+://[^/]+/{pattern}$"), new() { Timeout = Timeout });

    /// <summary>Waits until the URL is exactly this path and query (no pattern), e.g. <c>?date=2025-12-05</c>.</summary>
    public static Task ExpectAtPathAsync(this IPage page, string pathAndQuery) => page.ExpectAtAsync(Regex.Escape(pathAndQuery));
}
