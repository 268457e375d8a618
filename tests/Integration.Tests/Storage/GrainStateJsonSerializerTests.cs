using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Storage.Providers;

namespace SglangCi.Integration.Tests.Storage;

public sealed class GrainStateJsonSerializerTests
{
    [Fact]
    public void Round_trips_a_preset_with_dictionaries_lists_enums_and_nulls()
    {
        var preset = TestPresets.Grok(7);

        var bytes = GrainStateJsonSerializer.Instance.Serialize(preset);
        var back = GrainStateJsonSerializer.Instance.Deserialize<SglangCi.Interfaces.Presets.ModelPreset>(bytes);

        TestPresets.AssertSame(preset, back);
        Assert.Contains("\"EarlyExit\"", bytes.ToString());
    }

    [Fact]
    public void Round_trips_run_contracts_with_dates_and_nullable_stats()
    {
        var run = new RunSummary("r", "p", 1, "M", "n", "h", "mi35x", "online", null, new DateOnly(2026, 1, 2), RunStatus.Failed,
            "server crashed", DateTimeOffset.Parse("2026-01-02T03:04:05.1234567+00:00", System.Globalization.CultureInfo.InvariantCulture), null, RunPhase.ServerUp, "cli");
        var stats = new LatencyStats(1.5, null, 2, null, 3, null, double.NaN);

        var runBack = GrainStateJsonSerializer.Instance.Deserialize<RunSummary>(GrainStateJsonSerializer.Instance.Serialize(run));
        var statsBack = GrainStateJsonSerializer.Instance.Deserialize<LatencyStats>(GrainStateJsonSerializer.Instance.Serialize(stats));

        Assert.Equal(run, runBack);
        Assert.Equal(stats, statsBack);
    }
}
