using System.Text.Json;
using Microsoft.Playwright;
using SglangCi.Integration.Tests.Infrastructure;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// The dashboard in a real browser: the home page lists a finished run once the interactive circuit is up,
/// and its run page shows the phases and draws the latency and throughput charts (which only exist after
/// the page has connected, so a plain HTTP GET cannot see them).
/// </summary>
[Trait("Category", "Browser")]
[Collection(EndToEndCollection.Name)]
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private const string Preset = "deepseek-r1-mxfp4";
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    private readonly RepositoryLayout _layout = RepositoryLayout.Discover();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "sglci-browser-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebAppProcess? _web;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        return Task.CompletedTask;
    }

    [BrowserFact]
    public async Task Home_lists_the_run_and_its_page_draws_the_charts()
    {
        _web = WebAppProcess.Start(_layout.WebAssembly, _dataDirectory, _layout.Gsm8kDataset,
            new Dictionary<string, string> { ["SglangCi__FirstStart__RunNight"] = "false" });
        Assert.True(await _web.WaitHealthyAsync(_http, HealthTimeout), $"/healthz did not answer 200:\n{_web.CapturedOutput}");
        var cli = new CliRunner(_layout.CliAssembly, _web.GatewayPort);
        var run = await cli.RunAsync(RunTimeout, "run", "--preset", Preset, "--node", "sim-node-1", "--wait", "--json");
        Assert.True(run.ExitCode == 0, $"the run failed:\n{run}");
        var runId = JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("id").GetString()!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = RequiredInfrastructure.ChromiumPath,
            Headless = true,
            // This machine's network is closed: no sandbox as root, and none of Chromium's background calls home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();

        await page.GotoAsync(_web.BaseAddress.ToString());
        var link = page.Locator($"a[href*='{runId}']");
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("text=SUCCEEDED").First).ToBeVisibleAsync();

        await link.ClickAsync();
        await page.WaitForURLAsync($"**/runs/{runId}");
        await Assertions.Expect(page.Locator("text=gsm8k_gate").First).ToBeVisibleAsync();
        // A drawn Radzen line chart has an SVG path per series; wait for the circuit to render them.
        await Assertions.Expect(page.Locator(".rz-chart svg path").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.True(await page.Locator(".rz-chart svg path").CountAsync() > 2, "the run page's charts drew no series");
    }

    public async Task DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        _http.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A file still held open by a dying child; the OS temp cleaner gets it.
        }
    }
}
