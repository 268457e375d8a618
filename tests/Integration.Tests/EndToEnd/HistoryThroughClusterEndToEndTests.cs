using System.Text.Json;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// The import through the cluster, as a user runs it against the embedded dashboard: <c>sglang-ci import seed-logs</c>
/// and <c>import seed-db</c> without <c>--db</c> hand the path to the silo's import grain and follow its progress;
/// <c>sql</c> without <c>--db</c> reads through the cluster's read-only explorer; the dashboard serves an imported run.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(EndToEndCollection.Name)]
public sealed class HistoryThroughClusterEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Command = TimeSpan.FromSeconds(120);

    private readonly RepositoryLayout _layout = RepositoryLayout.Discover();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "sglci-e2e-history-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebAppProcess? _web;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Import_through_the_gateway_then_query_and_browse_it()
    {
        var seed = Path.Combine(_layout.SharedDirectory, "seed-history");
        _web = WebAppProcess.Start(_layout.WebAssembly, _dataDirectory, _layout.Gsm8kDataset,
            new Dictionary<string, string> { ["SglangCi__FirstStart__RunNight"] = "false" });
        Assert.True(await _web.WaitHealthyAsync(_http, HealthTimeout), $"/healthz did not answer 200:\n{_web.CapturedOutput}");
        var cli = new CliRunner(_layout.CliAssembly, _web.GatewayPort);

        var logs = await cli.RunAsync(Command, "import", "seed-logs", seed, "--json");
        Assert.True(logs.ExitCode == 0, logs.ToString());
        using (var report = JsonDocument.Parse(logs.StandardOutput))
        {
            Assert.Equal(1755, report.RootElement.GetProperty("kinds").EnumerateObject().Sum(k => k.Value.GetProperty("imported").GetInt32()));
        }

        var db = await cli.RunAsync(Command, "import", "seed-db", Path.Combine(seed, "database", "ci_dashboard.db"));
        Assert.True(db.ExitCode == 0, db.ToString());
        Assert.Contains("2,939", db.StandardOutput, StringComparison.Ordinal);

        var again = await cli.RunAsync(Command, "import", "seed-logs", seed, "--json");
        using (var report = JsonDocument.Parse(again.StandardOutput))
        {
            Assert.Equal(0, report.RootElement.GetProperty("kinds").EnumerateObject().Sum(k => k.Value.GetProperty("imported").GetInt32()));
        }

        var query = await cli.RunAsync(Command, "sql", "SELECT id, model FROM runs WHERE source = 'seed-logs' AND image = 'rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251206' AND model = 'GROK1' AND status = 'succeeded'", "--json");
        Assert.True(query.ExitCode == 0, query.ToString());
        var runId = JsonDocument.Parse(query.StandardOutput).RootElement.GetProperty("rows")[0].GetProperty("id").GetString()!;

        var write = await cli.RunAsync(Command, "sql", "DELETE FROM runs");
        Assert.True(write.ExitCode == 2, $"a write through the cluster must be refused:\n{write}");
        var count = await cli.RunAsync(Command, "sql", "SELECT COUNT(*) AS n FROM runs", "--json");
        Assert.Equal(943, JsonDocument.Parse(count.StandardOutput).RootElement.GetProperty("rows")[0].GetProperty("n").GetInt32());

        var show = await cli.RunAsync(Command, "show", runId, "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("20839.75", show.StandardOutput, StringComparison.Ordinal);

        var page = await _http.GetStringAsync(new Uri(_web.BaseAddress, $"runs/{runId}"));
        Assert.Contains("GROK1", page, StringComparison.Ordinal);
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
