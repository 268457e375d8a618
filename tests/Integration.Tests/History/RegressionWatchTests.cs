using System.Text.Json;
using SglangCi.Integration.Tests.Cli;
using SglangCi.Integration.Tests.RunKinds;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Analysis;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Integration.Tests.History;

/// <summary>
/// The live regression watch on a silo whose results database holds the imported <c>seed-history/</c>: nights analysed one
/// by one as the daily summary asks, alerts stored with their lifecycle in the real SQLite file, the weekly sweep's change
/// points stored once, and the benchmark-night card delivered through the alert channel.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class RegressionWatchTests(SeedHistoryFixture seed) : IClassFixture<SeedHistoryFixture>, IAsyncLifetime
{
    private static readonly DateOnly StepNight = new(2025, 10, 24);
    private InProcessSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await InProcessSilo.StartAsync(new Dictionary<string, string?>
    {
        ["SglangCi:Analysis:DashboardUrl"] = "https://ci.example.com",
    }, seed.DatabasePath);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task The_v054_DeepSeek_TTFT_step_opens_one_alert_that_lives_until_resolved_and_a_night_analysed_twice_changes_nothing()
    {
        var watch = _silo.Grains.GetGrain<IRegressionWatchGrain>("mi30x");
        for (var night = StepNight.AddDays(-4); night < StepNight; night = night.AddDays(1))
        {
            await watch.AnalyzeNight(night, staleImage: false);
        }

        var step = await watch.AnalyzeNight(StepNight, staleImage: false);
        var ttft = Assert.Single(step.Opened, a => a.Model == "DeepSeek-V3-0324" && a.Mode == "online" && a.Load == 16 && a.Metric == "ttft-median-ms");
        Assert.Equal((SeriesAlertKind.Regression, SeriesAlertStatus.Open, StepNight), (ttft.Kind, ttft.Status, ttft.OpenedNight));
        Assert.InRange(ttft.Change!.Value, 4, 6); // 313 ms → 1.95 s
        Assert.NotNull(ttft.BaselineImage);
        var card = step.Message!;
        Assert.Equal(AlertCardKind.BenchmarkNight, card.Kind);
        Assert.Equal(AlertSeverity.Error, card.Severity);
        Assert.Equal("benchmark-night:mi30x:2025-10-24", card.DedupeKey);
        Assert.Contains(card.Tables.Single(t => t.Heading == "New regressions").Rows, r => r[0].StartsWith("DeepSeek-V3-0324 online @16", StringComparison.Ordinal) && r[1] == "ttft-median-ms");
        Assert.Equal("https://ci.example.com/alerts?hardware=mi30x", card.Link);
        Assert.NotEmpty(card.Charts);

        // Asked again (a retried summary): the same card, nothing opened twice, one active alert per series in the table.
        var again = await watch.AnalyzeNight(StepNight, staleImage: false);
        Assert.Empty(again.Opened);
        Assert.Equal(card, again.Message);
        var active = await watch.Alerts(includeResolved: false);
        Assert.Equal(active.Count, active.Select(a => a.SeriesKey).Distinct().Count());
        Assert.Contains(active, a => a.Id == ttft.Id);

        // The CLI through the cluster's gateway lists it as open.
        var cli = await InProcessCli.RunAsync("analyze", "--gateway", _silo.Gateway, "--hardware", "mi30x", "--from", "2025-10-24", "--to", "2025-10-24", "--json");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        var listed = JsonDocument.Parse(cli.StandardOutput).RootElement;
        Assert.Contains(listed.GetProperty("openAlerts").EnumerateArray(), a => a.GetProperty("id").GetString() == ttft.Id && a.GetProperty("status").GetString() == "open");
        Assert.Contains(listed.GetProperty("findings").EnumerateArray(), f => f.GetProperty("metric").GetString() == "ttft-median-ms" && f.GetProperty("opens").GetBoolean());

        // The next nights keep the same alert: the step lasted.
        for (var night = StepNight.AddDays(1); night <= StepNight.AddDays(3); night = night.AddDays(1))
        {
            var later = await watch.AnalyzeNight(night, staleImage: false);
            Assert.DoesNotContain(later.Opened, a => a.SeriesKey == ttft.SeriesKey);
        }

        // A night before the latest one analysed is reported, not acted on: alerts are not rewound.
        var rewound = await watch.AnalyzeNight(StepNight.AddDays(-10), staleImage: false);
        Assert.Empty(rewound.Opened);
        Assert.Empty(rewound.Resolved);
        Assert.Contains("before the latest night analysed (2025-10-27)", rewound.Suppressed, StringComparison.Ordinal);
        Assert.Contains(await watch.Alerts(includeResolved: false), a => a.Id == ttft.Id);

        var acknowledged = await watch.Acknowledge(ttft.Id, "ana", "bisecting v0.5.4");
        Assert.Equal((SeriesAlertStatus.Acknowledged, "ana", "bisecting v0.5.4"), (acknowledged.Status, acknowledged.AcknowledgedBy, acknowledged.Note));
        var resolved = await watch.Resolve(ttft.Id, "ana", "new attention backend accepted");
        Assert.Equal(SeriesAlertStatus.Resolved, resolved.Status);
        Assert.Equal("resolved by ana: new attention backend accepted", resolved.Resolution);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => watch.Acknowledge(ttft.Id, "bo", null));
        Assert.Contains("resolved", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => watch.Acknowledge("no-such-alert", "bo", null));
        Assert.Contains(await watch.Alerts(includeResolved: true), a => a.Id == ttft.Id && a.Status == SeriesAlertStatus.Resolved);
        Assert.DoesNotContain(await watch.Alerts(includeResolved: false), a => a.Id == ttft.Id);
    }

    [Fact]
    public async Task The_weekly_sweep_stores_each_change_point_once()
    {
        var watch = _silo.Grains.GetGrain<IRegressionWatchGrain>("mi30x");
        var added = await watch.SweepChangePoints();
        Assert.True(added > 0, "the sweep found no change point on mi30x's history");
        Assert.Equal(0, await watch.SweepChangePoints());
        var stored = await watch.ChangePoints(from: null);
        Assert.Equal(added, stored.Count);
        Assert.All(stored, p => Assert.Equal("mi30x", p.Hardware));
        Assert.Contains(stored, p => p.Model == "DeepSeek-V3-0324" && p.Metric == "ttft-median-ms" && p.Night >= StepNight.AddDays(-1) && p.Night <= StepNight.AddDays(1));
    }

    [Fact]
    public async Task The_daily_summary_sends_the_nights_benchmark_card_through_the_alert_channel()
    {
        await _silo.AddNodeAsync("mi30x-summary", EngineRuntimeKind.Simulated, hardware: "mi30x");
        var (summary, details) = await _silo.RunAsync("mi30x-summary", RunMode.DailySummary, StepNight);

        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        var analysis = Assert.Single(details.Checks, c => c.Name == "analysis");
        Assert.Equal(CheckStatus.Warning, analysis.Status);
        Assert.Matches(@"^\d+ alert\(s\) opened", analysis.Detail);
        var line = Assert.Single(await _silo.AlertLinesAsync("benchmark-night:mi30x:2025-10-24", expectAny: true));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("error", json.RootElement.GetProperty("severity").GetString());
        Assert.Contains("2025-10-24 benchmark night — mi30x", json.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
    }
}
