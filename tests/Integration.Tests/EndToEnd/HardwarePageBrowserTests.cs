using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using SglangCi.Integration.Tests.Infrastructure;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// The hardware overview and hardware page in a real browser, over the whole imported seed history: the home page of
/// 2025-12-06 shows a card per hardware (mi30x, mi35x), the pass-rate comparison chart and the last seven days; its
/// card link opens mi30x's night with its four sections filled; the day picker's "next" moves to the next night with
/// data and the page shows that night's tasks; and no page logs a console error on the way.
/// </summary>
[Trait("Category", "Browser")]
[Collection(EndToEndCollection.Name)]
public sealed class HardwarePageBrowserTests : WebAppTest
{
    private const string Night = "2025-12-06";

    [BrowserFact]
    public async Task Home_cards_chart_and_activity_lead_to_the_hardware_night_grouped_like_the_old_page()
    {
        // The whole tree, imported before the app starts.
        await ImportBeforeStartAsync(SeedHistory);

        await StartWebAsync(NoFirstNight);
        var baseAddress = Web!.BaseAddress;

        // Laptop width: the cards, chart and tables must read without a wide screen.
        await using var browser = await DashboardBrowser.OpenAsync(1366, 900);
        var page = browser.Page;

        // Home of the night: a card per hardware with its image and link, the comparison chart drawn, the 7-day table.
        await page.GotoAsync(new Uri(baseAddress, $"?date={Night}").ToString());
        var cards = page.Locator(".hardware-card");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        await Assertions.Expect(cards.Nth(0).Locator(".hardware-name")).ToHaveTextAsync("mi30x");
        await Assertions.Expect(cards.Nth(1).Locator(".hardware-name")).ToHaveTextAsync("mi35x");
        await Assertions.Expect(cards.Nth(0)).ToContainTextAsync("v0.5.6-rocm700-mi30x-20251206");
        await Assertions.Expect(cards.Nth(0).Locator(".pass-rate")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("succeeded ÷ runs that finished"));
        await Assertions.Expect(page.Locator(".pass-rate-chart svg [class*='rz-series-'] path").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var activity = page.Locator("table.activity-table tbody tr");
        await Assertions.Expect(activity.First).ToBeVisibleAsync();
        // Seven days with runs, each with both hardware kinds in early December.
        await Assertions.Expect(activity).ToHaveCountAsync(14);
        await Assertions.Expect(page.Locator("table.activity-table tr.current-day")).ToHaveCountAsync(2);
        await browser.ScreenshotAsync("home-cards");

        // Through the mi30x card to its night: the four sections, each with rows.
        await cards.Nth(0).Locator("a.hardware-link").ClickAsync();
        await page.ExpectAtPathAsync($"hardware/mi30x?date={Night}");
        await Assertions.Expect(page.Locator("h1", new() { HasTextString = Night })).ToBeVisibleAsync();
        foreach (var (section, rows) in new[] { ("performance", 9), ("integration", 1), ("validation", 3), ("sanity", 14) })
        {
            await Assertions.Expect(page.Locator($"section#{section} table tbody tr")).ToHaveCountAsync(rows);
        }

        await Assertions.Expect(page.Locator("section#performance a[href*='seed-20251206T202339-grok1-online-mi30x-t12-38']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("section#sanity tbody tr", new() { HasTextString = "GPT-OSS-120B" }).First).ToContainTextAsync("0.861");
        await Assertions.Expect(page.Locator("section#validation tbody tr", new() { HasTextString = "Unit tests" })).ToContainTextAsync("test_custom_allreduce");
        // Each task's last nights as a strip of marks, oldest first, the last one this night, each a link to its night.
        var strip = page.Locator("section#performance tbody tr").First.Locator(".night-mark");
        await Assertions.Expect(strip).ToHaveCountAsync(14);
        await Assertions.Expect(strip.Last).ToHaveAttributeAsync("href", $"hardware/mi30x?date={Night}");
        await Assertions.Expect(strip.Last).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex($"^{Night}: "));
        await browser.ScreenshotAsync("hardware");

        // The picker's "next" steps to the next night with data on mi30x, and the tasks follow.
        await page.Locator(".day-next").ClickAsync();
        await page.ExpectAtPathAsync("hardware/mi30x?date=2025-12-07");
        await Assertions.Expect(page.Locator("h1", new() { HasTextString = "2025-12-07" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("section#performance a[href*='seed-20251207']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("section#performance a[href*='seed-20251206']")).ToHaveCountAsync(0);

        browser.AssertNoErrors();
    }

}
