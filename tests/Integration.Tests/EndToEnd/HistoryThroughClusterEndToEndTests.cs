using System.Text.Json;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// The import through the cluster, as a user runs it against the embedded dashboard: <c>sglang-ci import seed-logs</c>
/// and <c>import seed-db</c> without <c>--db</c> hand the path to the silo's import grain and follow its progress;
/// <c>sql</c> without <c>--db</c> reads through the cluster's read-only explorer; the dashboard serves an imported run.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(EndToEndCollection.Name)]
public sealed class HistoryThroughClusterEndToEndTests : WebAppTest
{
    private static readonly TimeSpan Command = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Import_through_the_gateway_then_query_and_browse_it()
    {
        var seed = SeedHistory;
        var cli = await StartWebAsync(NoFirstNight);

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

        var page = await Http.GetStringAsync(new Uri(Web!.BaseAddress, $"runs/{runId}"));
        Assert.Contains("GROK1", page, StringComparison.Ordinal);

        await AssertApiAsync(runId);
    }

    /// <summary>The read API serves what the pages show, with enums by name, clear 400s, and an OpenAPI document.</summary>
    private async Task AssertApiAsync(string runId)
    {
        using var run = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Web!.BaseAddress, $"api/runs/{runId}")));
        Assert.Equal("succeeded", run.RootElement.GetProperty("run").GetProperty("status").GetString(), ignoreCase: true);
        Assert.Equal("seed-logs", run.RootElement.GetProperty("provenance").GetProperty("source").GetString());
        Assert.Contains(run.RootElement.GetProperty("points").EnumerateArray(), p => p.GetProperty("e2e").GetProperty("median").GetDouble() == 20839.75);

        using var days = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Web.BaseAddress, "api/days?from=2025-12-06&to=2025-12-06")));
        Assert.Equal("2025-12-06", days.RootElement.EnumerateArray().Single().GetProperty("day").GetString());

        using var trend = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Web.BaseAddress, "api/trends?hw=mi30x&model=GROK1&mode=online")));
        Assert.True(trend.RootElement.GetArrayLength() > 100, "the GROK1 mi30x trend has over a hundred night points");

        using var night = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Web.BaseAddress, "api/hardware/mi30x/nights/2025-12-06")));
        Assert.Equal(JsonValueKind.Object, night.RootElement.ValueKind);

        // The task history ends on that night and holds each of its rows under its task, as the night shows them.
        using var history = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Web.BaseAddress, "api/hardware/mi30x/history?days=7&to=2025-12-06")));
        var historyDays = history.RootElement.GetProperty("days").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Equal(7, historyDays.Count);
        Assert.Equal("2025-12-06", historyDays[^1]);
        var onThatNight = history.RootElement.GetProperty("tasks").EnumerateArray()
            .SelectMany(t => t.GetProperty("nights").EnumerateArray())
            .Count(n => n.GetProperty("day").GetString() == "2025-12-06");
        Assert.Equal(night.RootElement.GetProperty("rows").GetArrayLength(), onThatNight);

        var bad = await Http.GetAsync(new Uri(Web.BaseAddress, "api/runs?date=yesterday"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("yesterday", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Http.GetAsync(new Uri(Web.BaseAddress, "api/runs/nope"))).StatusCode);

        var openApi = await Http.GetStringAsync(new Uri(Web.BaseAddress, "openapi/v1.json"));
        Assert.Contains("/api/runs/{id}", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/trends", openApi, StringComparison.Ordinal);
    }
}
