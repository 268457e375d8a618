using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using SglangCi.Grains.Upstream;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.Infrastructure;
using SglangCi.Interfaces.Upstream;
using SglangCi.Silo.Storage.Upstream;
using SglangCi.Toolkit.Upstream.Coverage;

namespace SglangCi.Integration.Tests.Upstream;

/// <summary>
/// The Upstream CI page in a real browser on a dashboard whose database holds the old CI's coverage CSVs (imported by the
/// seed importer from the shared seed history) plus one report computed afterwards: the page opens on the computed report
/// with its totals and gap list, the history (the trend's numbers) still holds every imported date, and an imported report
/// says the old reports kept no file lists instead of showing an empty list.
/// </summary>
[Trait("Category", "Browser")]
[Collection(EndToEndCollection.Name)]
public sealed class UpstreamCiPageBrowserTests : WebAppTest
{
    private string? _seedRoot;
    private string? _checkout;

    [BrowserFact]
    public async Task The_page_shows_the_new_report_its_gaps_and_the_imported_history()
    {
        var database = await ImportBeforeStartAsync(CoverageOnlySeedTree());
        var importedDates = ImportedDates();
        var newestImported = importedDates[^1];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // The new report comes the way the coverage job makes it: a checkout read by the analyzer, converted for history.
        var comparison = CoverageAnalyzer.Analyze(WriteCheckout());
        var computed = CoverageReportRecords.Computed(
            CoverageHistory.ToReport(comparison, today), CoverageHistory.Gaps(comparison), comparison.Repository, "0123456789abcdef0123", DateTimeOffset.UtcNow);
        var previous = await new RelationalCoverageHistory(database).RecordAsync(computed, CancellationToken.None);
        Assert.Equal(newestImported, previous?.ReportDate);

        await StartWebAsync(NoFirstNight);
        await using var browser = await DashboardBrowser.OpenAsync(1366, 900);
        var page = browser.Page;
        await page.GotoAsync(new Uri(Web!.BaseAddress, "upstream").ToString());

        await Assertions.Expect(page.Locator(".coverage-amd")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".coverage-nvidia")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator(".coverage-percent")).ToHaveTextAsync("33 %");
        await Assertions.Expect(page.Locator(".coverage-origin")).ToHaveTextAsync("computed");
        await Assertions.Expect(page.Locator(".coverage-commit")).ToHaveTextAsync("0123456789abcdef0123");
        await Assertions.Expect(page.Locator("tr.gap-file")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("tr.gap-group[data-category='unit-test-backend-1-gpu']")).ToContainTextAsync("1 file");
        await Assertions.Expect(page.Locator("table.coverage-gaps")).ToContainTextAsync("test_dp_attention.py");
        await Assertions.Expect(page.Locator("table.coverage-gaps")).ToContainTextAsync("test_eagle_infer.py");
        await Assertions.Expect(page.Locator("tr.coverage-category[data-category='unit-test-backend-2-gpu']")).ToContainTextAsync("0 %");
        await Assertions.Expect(page.Locator("tr.coverage-report-row")).ToHaveCountAsync(importedDates.Count + 1);
        foreach (var imported in importedDates)
        {
            await Assertions.Expect(page.Locator($"tr.coverage-report-row[data-date='{imported:yyyy-MM-dd}']")).ToContainTextAsync("imported");
        }

        await Assertions.Expect(page.Locator(".coverage-trend-chart svg").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("upstream-computed");

        await page.Locator($"tr.coverage-report-row[data-date='{newestImported:yyyy-MM-dd}'] a").ClickAsync();
        await Assertions.Expect(page.Locator(".coverage-date")).ToHaveTextAsync($"{newestImported:yyyy-MM-dd}");
        await Assertions.Expect(page.Locator(".coverage-origin")).ToHaveTextAsync("imported");
        await Assertions.Expect(page.Locator(".coverage-gaps-unknown")).ToContainTextAsync("the old reports did not keep file lists");
        await Assertions.Expect(page.Locator("tr.gap-file")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("upstream-imported");
        browser.AssertNoErrors();

        // The same history through the read API.
        using var history = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Web.BaseAddress, "api/upstream/coverage")));
        Assert.Equal(importedDates.Count + 1, history.RootElement.GetArrayLength());
        using var latest = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Web.BaseAddress, "api/upstream/coverage/latest")));
        Assert.Equal("0123456789abcdef0123", latest.RootElement.GetProperty("commit").GetString());
        Assert.Equal(2, latest.RootElement.GetProperty("gaps").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri(Web.BaseAddress, "api/upstream/coverage/2000-01-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync(new Uri(Web.BaseAddress, "api/upstream/coverage/yesterday"))).StatusCode);
    }

    /// <summary>
    /// A checkout in the registered layout: NVIDIA runs test_abort and test_eagle_infer on one GPU and test_dp_attention on two;
    /// AMD runs test_abort only (1 of 3, 33 %; two NVIDIA-only files).
    /// </summary>
    private string WriteCheckout()
    {
        _checkout = Directory.CreateTempSubdirectory("sglci-upstream-page-").FullName;
        var folder = Directory.CreateDirectory(Path.Combine(_checkout, "test", "registered", "core")).FullName;
        File.WriteAllText(Path.Combine(folder, "test_abort.py"), """
            register_cuda_ci(est_time=100, suite="stage-b-test-small-1-gpu")
            register_amd_ci(est_time=106, suite="stage-b-test-small-1-gpu-amd")
            """);
        File.WriteAllText(Path.Combine(folder, "test_eagle_infer.py"), "register_cuda_ci(125, \"stage-b-test-small-1-gpu\")\n");
        File.WriteAllText(Path.Combine(folder, "test_dp_attention.py"), "register_cuda_ci(est_time=600, suite=\"stage-b-test-large-2-gpu\")\n");
        return _checkout;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_seedRoot is not null)
        {
            Directory.Delete(_seedRoot, recursive: true);
        }

        if (_checkout is not null)
        {
            Directory.Delete(_checkout, recursive: true);
        }
    }

    /// <summary>The dates of the copied CSVs (from their names, <c>sglang_ci_report_yyyyMMdd.csv</c>), oldest first.</summary>
    private List<DateOnly> ImportedDates() =>
        Directory.EnumerateFiles(Path.Combine(_seedRoot!, "upstream_ci", "ci_report"), "*.csv")
            .Select(f => DateOnly.ParseExact(Path.GetFileNameWithoutExtension(f)[^8..], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture))
            .Order()
            .ToList();

    /// <summary>A seed tree with only the shared seed history's coverage CSVs: the rest of it is other tests' business and slow to import.</summary>
    private string CoverageOnlySeedTree()
    {
        var source = Path.Combine(SeedHistory, "upstream_ci", "ci_report");
        _seedRoot = Path.Combine(Path.GetTempPath(), "sglci-coverage-seed-" + Guid.NewGuid().ToString("N"));
        var target = Directory.CreateDirectory(Path.Combine(_seedRoot, "upstream_ci", "ci_report")).FullName;
        foreach (var csv in Directory.EnumerateFiles(source, "*.csv"))
        {
            File.Copy(csv, Path.Combine(target, Path.GetFileName(csv)));
        }

        return _seedRoot;
    }
}
