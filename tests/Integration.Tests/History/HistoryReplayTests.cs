using System.Text.Json;
using SglangCi.Cli;
using SglangCi.Grains.Analysis;
using SglangCi.Integration.Tests.Cli;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Sqlite;
using SglangCi.Toolkit.Analysis;

namespace SglangCi.Integration.Tests.History;

/// <summary>
/// The detector replayed night by night over the whole imported <c>seed-history/</c>, as if it had run live in Oct–Dec
/// 2025: it finds the regressions the old CI never reported (DeepSeek-V3 on mi30x from v0.5.4 on 2025-10-23: TTFT at
/// concurrency 16 from ~313 ms to ~1.95 s), names the image to diff against, and stays within the design's target of at
/// most one false alert per week per hardware. <c>analyze</c> prints the same findings.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class HistoryReplayTests(SeedHistoryFixture seed) : IClassFixture<SeedHistoryFixture>
{
    [Fact]
    public async Task Replay_over_the_seed_history_finds_the_v0_5_4_deepseek_regression_and_keeps_false_alerts_under_one_a_week()
    {
        await using var history = new RelationalHistoryQueries(new SqliteResultsDatabase(new SqliteStorageInitializer(SqliteConnectionStrings.ForFile(seed.DatabasePath))));

        var replay = await HistoryReplay.RunAsync(history, hardware: null, settings: null, CancellationToken.None);

        Assert.True(replay.Series >= 80, $"{replay.Series} series");
        Assert.Equal((new DateOnly(2025, 10, 1), new DateOnly(2025, 12, 9)), (replay.First, replay.Last));
        var ttft = Assert.Single(replay.Regressions, f =>
            f.Series is { Hardware: "mi30x", Model: "DeepSeek-V3-0324", Mode: "online", Load: 16 } && f.Metric == "ttft-median-ms" && f.Night == new DateOnly(2025, 10, 24));
        Assert.Equal(new DateOnly(2025, 10, 23), ttft.Since);
        Assert.InRange(ttft.RelativeChange, 4.0, 6.0); // 313 ms → 1.95 s
        Assert.EndsWith("v0.5.4-rocm630-mi30x-20251024", ttft.Image, StringComparison.Ordinal);
        Assert.EndsWith("v0.5.3.post3-rocm630-mi30x-20251022", ttft.BaselineImage, StringComparison.Ordinal);
        Assert.True(ttft.BorneOut);
        Assert.Contains(replay.Regressions, f => f.Series is { Hardware: "mi30x", Model: "DeepSeek-V3-0324", Load: 4 } && f.Metric == "e2e-median-ms" && f.Night == new DateOnly(2025, 11, 22));
        Assert.Contains(replay.Findings, f => f.Opens && f.Verdict == NightVerdict.ConfirmedImprovement);
        var step = Assert.Single(replay.ChangePoints, c =>
            c.Series is { Hardware: "mi30x", Model: "DeepSeek-V3-0324", Mode: "online", Load: 16 } && c.Metric == "ttft-median-ms");
        Assert.Equal(new DateOnly(2025, 10, 23), step.Point.Night);

        // GSM8K from the stored gates: seven stretches below the threshold (the gate's own failures), none above it that regressed.
        Assert.Equal(7, replay.AccuracyFindings.Count(f => f.Opens));
        Assert.DoesNotContain(replay.AccuracyFindings, f => f.OpensRegression);
        var grok2 = Assert.Single(replay.AccuracyFindings, f => f is { Hardware: "mi30x", Model: "GROK2", Mode: "online", Opens: true } && f.Night == new DateOnly(2025, 11, 2));
        Assert.Equal((AccuracyVerdict.BelowThreshold, 0.0), (grok2.Verdict, grok2.Mean));
        Assert.InRange(grok2.Baseline!.Value, 0.92, 0.94);

        Assert.True(replay.AlertMessages.Count >= 5, $"{replay.AlertMessages.Count} alert messages");
        Assert.All(replay.Weekly, week => Assert.True(week.FalseAlerts <= 1, $"{week.Hardware} {week.Week}: {week.FalseAlerts} false alerts"));
        Assert.True(replay.Regressions.Count(f => f.IsFalseAlert) <= replay.Weeks, "more than one false alert a week on average");
    }

    [Fact]
    public async Task Analyze_prints_the_replay_as_json_and_a_range_of_nights()
    {
        var all = await InProcessCli.RunAsync("analyze", "--db", seed.DatabasePath, "--replay", "--json");
        var week = await InProcessCli.RunAsync("analyze", "--db", seed.DatabasePath, "--hardware", "mi30x", "--from", "2025-10-20", "--to", "2025-10-26", "--json");

        Assert.True(all.ExitCode == ExitCodes.Success, all.ToString());
        var replay = JsonDocument.Parse(all.StandardOutput).RootElement;
        Assert.Equal("2025-10-01", replay.GetProperty("from").GetString());
        Assert.True(replay.GetProperty("confirmedRegressions").GetInt32() >= replay.GetProperty("alertMessages").GetInt32());
        Assert.Contains(replay.GetProperty("accuracy").EnumerateArray(), a => a.GetProperty("verdict").GetString() == "below-threshold" && a.GetProperty("model").GetString() == "GROK2");
        Assert.Empty(replay.GetProperty("openAlerts").EnumerateArray()); // no cluster analysed this database
        Assert.True(week.ExitCode == ExitCodes.Success, week.ToString());
        var findings = JsonDocument.Parse(week.StandardOutput).RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.Equal("mi30x", f.GetProperty("hardware").GetString()));
        Assert.All(findings, f => Assert.InRange(f.GetProperty("night").GetString()!, "2025-10-20", "2025-10-26"));
        Assert.Contains(findings, f => f.GetProperty("verdict").GetString() == "confirmed-regression" && f.GetProperty("opens").GetBoolean()
            && f.GetProperty("metric").GetString() == "ttft-median-ms" && f.GetProperty("night").GetString() == "2025-10-24");
    }

    [Fact]
    public async Task Analyze_with_replay_and_a_range_is_a_usage_error()
    {
        var both = await InProcessCli.RunAsync("analyze", "--db", seed.DatabasePath, "--replay", "--from", "2025-10-01");
        var badDate = await InProcessCli.RunAsync("analyze", "--db", seed.DatabasePath, "--from", "2025-13-01");

        Assert.True(both.ExitCode == ExitCodes.BadArguments, both.ToString());
        Assert.True(badDate.ExitCode == ExitCodes.BadArguments, badDate.ToString());
        Assert.Contains("--from", badDate.StandardError, StringComparison.Ordinal);
    }
}
