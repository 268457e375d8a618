using System.Text.Json;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Seeding;
using SglangCi.Silo.Storage.Simulation;
using SglangCi.Toolkit.History;

namespace SglangCi.Integration.Tests.Simulation;

/// <summary>The simulated nights: deterministic from the seed, the shape of real runs, every hardware kind and metric.</summary>
public sealed class NightSimulatorTests
{
    private static readonly DateOnly End = new(2026, 6, 30);

    private static NightSimulator Simulator(int days, int seed = 11, IReadOnlyList<string>? hardware = null) =>
        new(new SimulationOptions(End, days, hardware ?? SimulationOptions.DefaultHardware, seed), SeedCatalog.Presets());

    [Fact]
    public void The_same_seed_gives_the_same_nights()
    {
        var first = JsonSerializer.Serialize(Simulator(20).Nights().ToList());
        var again = JsonSerializer.Serialize(Simulator(20).Nights().ToList());

        Assert.Equal(first, again);
    }

    [Fact]
    public void Another_seed_changes_the_numbers_but_not_the_run_ids()
    {
        var a = Simulator(10, seed: 1).Nights().SelectMany(n => n.Runs).ToList();
        var b = Simulator(10, seed: 2).Nights().SelectMany(n => n.Runs).ToList();

        Assert.NotEqual(JsonSerializer.Serialize(a), JsonSerializer.Serialize(b));
        var shared = a.Select(r => r.Run.Id).Intersect(b.Select(r => r.Run.Id)).Count();
        Assert.True(shared > a.Count * 0.9, $"{shared} of {a.Count} run ids shared");
        Assert.All(a.Concat(b), r => Assert.StartsWith("sim-", r.Run.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void A_year_covers_four_hardware_kinds_with_the_presets_modes_and_nightly_tags()
    {
        var nights = Simulator(SimulationOptions.DefaultDays).Nights().ToList();
        var runs = nights.SelectMany(n => n.Runs).Select(r => r.Run).ToList();

        Assert.Equal(365 * 4, nights.Count);
        Assert.Equal(["mi30x", "mi325x", "mi350x", "mi35x"], runs.Select(r => r.Hardware).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(SeedCatalog.Presets().Where(NightSimulator.IsSimulated).Select(p => p.Name).Order(StringComparer.Ordinal),
            runs.Select(r => r.Preset).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(NightSimulator.DeepSeekModes.Order(StringComparer.Ordinal),
            runs.Where(r => r.Model.StartsWith("DeepSeek", StringComparison.Ordinal)).Select(r => r.Mode).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["online"], runs.Where(r => r.Model.StartsWith("GROK", StringComparison.Ordinal)).Select(r => r.Mode).Distinct());
        Assert.Equal(runs.Count, runs.Select(r => r.Id).Distinct().Count());

        foreach (var night in nights.Where(n => n.Image is not null))
        {
            Assert.True(ImageTag.TryParse(night.Image, out var tag), night.Image);
            Assert.Equal(night.Hardware, tag.Hardware);
            Assert.Equal(night.Date, tag.Date);
            Assert.StartsWith("rocm", tag.Rocm, StringComparison.Ordinal);
            Assert.All(night.Runs, r => Assert.Equal((night.Image, night.Date), (r.Run.Image, r.Run.ImageDate)));
        }

        // Mostly succeeded; some failed, some skipped by the gate; some days had no image at all.
        var byStatus = runs.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        Assert.InRange(byStatus[RunStatus.Succeeded], runs.Count * 0.8, runs.Count * 0.97);
        Assert.True(byStatus[RunStatus.Failed] > 0 && byStatus[RunStatus.Skipped] > 0);
        Assert.Contains(nights, n => n.Image is null && n.Runs.Count == 0);
        Assert.True(runs.Select(r => r.Image).Select(ImageTags).Distinct().Count() > 5, "several releases over the year");
    }

    [Fact]
    public void Runs_go_through_the_phases_and_gate_of_real_runs()
    {
        var runs = Simulator(60).Nights().SelectMany(n => n.Runs).ToList();
        var plans = SeedCatalog.Presets().ToDictionary(p => p.Name);

        foreach (var run in runs)
        {
            var summary = run.Run;
            Assert.Equal(NightSimulator.Trigger, summary.Trigger);
            Assert.Equal(RunPhase.Queued, run.Phases[0].Phase);
            Assert.True(summary.StartedAt <= summary.FinishedAt);
            Assert.All(run.Phases, p => Assert.NotNull(p.FinishedAt));
            Assert.Equal(run.Phases.Count, run.Phases.Select(p => p.Phase).Distinct().Count());
            switch (summary.Status)
            {
                case RunStatus.Succeeded:
                    Assert.True(run.Gate!.Passed);
                    Assert.Equal(RunPhase.Done, summary.Phase);
                    Assert.Equal(PlanOf(plans[summary.Preset], summary.Hardware).Points.Select(p => p.Load), run.Points.Select(p => p.Load));
                    break;
                case RunStatus.Skipped:
                    Assert.False(run.Gate!.Passed);
                    Assert.StartsWith("GSM8K gate failed", summary.Reason, StringComparison.Ordinal);
                    Assert.Empty(run.Points);
                    break;
                default:
                    Assert.Equal(RunStatus.Failed, summary.Status);
                    Assert.False(string.IsNullOrEmpty(summary.Reason));
                    break;
            }

            if (run.Gate is { } gate)
            {
                Assert.Equal(plans[summary.Preset].Gsm8k.Threshold, gate.Threshold);
                Assert.InRange(gate.Trials.Count, 1, plans[summary.Preset].Gsm8k.Trials);
                Assert.All(gate.Trials, t => Assert.Equal(NightSimulator.Gsm8kTestQuestions, t.Questions));
            }
        }

        Assert.Contains(runs, r => r.Gate is { Trials.Count: > 1 });
    }

    [Fact]
    public void Every_point_has_every_metric_and_statistic_in_order()
    {
        var points = Simulator(30).Nights().SelectMany(n => n.Runs).SelectMany(r => r.Points).ToList();

        Assert.NotEmpty(points);
        Assert.Contains(points, p => p.LoadKind == LoadKind.Rate);
        Assert.Contains(points, p => p.LoadKind == LoadKind.Concurrency);
        foreach (var p in points)
        {
            Assert.True(p.Completed > 0 && p.DurationSeconds > 0 && p.RequestThroughput > 0 && p.InputTokenThroughput > 0 && p.OutputTokenThroughput > 0);
            Assert.Equal(p.InputTokenThroughput + p.OutputTokenThroughput, p.TotalTokenThroughput, 0.05);
            Assert.NotNull(p.Concurrency);
            Assert.NotNull(p.Goodput);
            Assert.Equal(p.Failed > 0, p.FailureReasons.Count > 0);
            foreach (var stats in new[] { p.Ttft, p.Itl, p.Tpot, p.E2e })
            {
                double[] values = [stats.Mean!.Value, stats.Median!.Value, stats.P90!.Value, stats.P95!.Value, stats.P99!.Value, stats.Std!.Value, stats.Max!.Value];
                Assert.All(values, v => Assert.True(v > 0));
                Assert.True(stats.Median <= stats.P90 && stats.P90 <= stats.P95 && stats.P95 <= stats.P99 && stats.P99 <= stats.Max);
            }

            Assert.True(p.E2e.Median > p.Ttft.Median);
        }
    }

    [Fact]
    public void Latency_grows_with_load_and_steps_up_and_back_in_some_series()
    {
        var runs = Simulator(SimulationOptions.DefaultDays, hardware: ["mi30x"]).Nights().SelectMany(n => n.Runs).Where(r => r.Points.Count > 0).ToList();

        Assert.All(runs, r => Assert.True(r.Points[^1].Ttft.Median > r.Points[0].Ttft.Median == (r.Points[^1].Load > r.Points[0].Load)));

        // Night-to-night jumps of the low-load ITL: a regression shows as a jump up of 10 % or more, its fix as one down.
        var jumps = runs.GroupBy(r => (r.Run.Preset, r.Run.Mode))
            .SelectMany(g => g.OrderBy(r => r.Run.ImageDate).Select(r => r.Points.MinBy(p => p.Load)!.Itl.Median!.Value).Pairwise())
            .ToList();
        Assert.Contains(jumps, j => j.Next > j.Previous * 1.10);
        Assert.Contains(jumps, j => j.Next < j.Previous / 1.10);
        Assert.True(jumps.Count(j => Math.Abs(j.Next / j.Previous - 1) < 0.1) > jumps.Count * 0.9, "most nights move by noise only");
    }

    [Theory]
    [InlineData("MI30X")]
    [InlineData("mi-35x")]
    public void A_hardware_name_that_cannot_be_in_an_image_tag_is_refused(string hardware) =>
        Assert.Throws<ArgumentException>(() => Simulator(1, hardware: [hardware]));

    private static BenchmarkPlan PlanOf(ModelPreset preset, string hardware) =>
        preset.Benchmark.TryGetValue(hardware, out var own) ? own : preset.Benchmark[hardware is "mi325x" ? "mi30x" : "mi35x"];

    private static string? ImageTags(string? image) => ImageTag.TryParse(image, out var tag) ? $"{tag.Version}-{tag.Rocm}" : null;
}

internal static class PairwiseExtensions
{
    public static IEnumerable<(double Previous, double Next)> Pairwise(this IEnumerable<double> values) =>
        values.Zip(values.Skip(1), (previous, next) => (previous, next));
}
