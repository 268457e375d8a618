using System.Globalization;
using SglangCi.Grains.Schedules;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;
using SglangCi.Silo.Seeding;

namespace SglangCi.Grains.Tests.Schedules;

/// <summary>The schedules shipped in <c>deploy/schedules</c>: they load, validate, name presets of the catalog, and carry
/// every job of the old crontabs (seed inventory §1.13.1) at its Central time.</summary>
public sealed class ShippedScheduleTests
{
    private static readonly string[] SanityPresets = ["gpt-oss-120b", "gpt-oss-20b", "qwen3-30b", "grok1-int4", "grok1-fp8", "grok2.5", "llama4-maverick"];

    private static IReadOnlyList<ScheduleDefinition> Shipped { get; } = SeedCatalog.Schedules();

    /// <summary>The crontabs: hardware, CT time, kind, preset (null for a kind without a model), enabled in the crontab.</summary>
    public static TheoryData<string, string, RunMode, string?, bool> Crontab() => new()
    {
        { "mi30x", "10:30", RunMode.Housekeeping, null, true },
        { "mi30x", "11:00", RunMode.ImageCheck, null, true },
        { "mi30x", "11:01", RunMode.UnitTest, null, true },
        { "mi30x", "11:15", RunMode.Sanity, "*", true },
        { "mi30x", "12:00", RunMode.Online, "deepseek-v3-0324-fp8", true },
        { "mi30x", "13:10", RunMode.Online, "deepseek-v3-0324-fp8-dp-attention", true },
        { "mi30x", "13:20", RunMode.Online, "deepseek-v3-0324-fp8-torch-compile", true },
        { "mi30x", "13:40", RunMode.PdDisaggregation, "deepseek-v3-0324-fp8", true },
        { "mi30x", "14:00", RunMode.Online, "grok1-int4", true },
        { "mi30x", "15:35", RunMode.Online, "grok2-fp8", true },
        { "mi30x", "17:10", RunMode.DailySummary, null, true },
        { "mi30x", "17:15", RunMode.Online, "deepseek-v3-0324-fp8-dp-attention-torch-compile", false },
        { "mi35x", "10:30", RunMode.Housekeeping, null, true },
        { "mi35x", "11:00", RunMode.ImageCheck, null, true },
        { "mi35x", "11:01", RunMode.UnitTest, null, true },
        { "mi35x", "11:05", RunMode.Sanity, "*", true },
        { "mi35x", "11:50", RunMode.Online, "deepseek-r1-mxfp4", true },
        { "mi35x", "13:30", RunMode.Online, "grok2-fp8", true },
        { "mi35x", "14:15", RunMode.Online, "grok1-int4", true },
        { "mi35x", "14:50", RunMode.PdDisaggregation, "deepseek-r1-mxfp4", true },
        { "mi35x", "15:35", RunMode.Online, "deepseek-r1-mxfp4-torch-compile", true },
        { "mi35x", "15:55", RunMode.Online, "deepseek-r1-mxfp4-mtp", true },
        { "mi35x", "16:35", RunMode.Online, "deepseek-r1-mxfp4-dp-test", true },
        { "mi35x", "17:25", RunMode.DailySummary, null, true },
    };

    [Fact]
    public void Every_shipped_schedule_validates_and_names_presets_of_the_catalog()
    {
        var presets = SeedCatalog.Presets().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(Shipped);
        foreach (var schedule in Shipped)
        {
            CronSchedule.Parse(schedule);
            ScheduleValidation.Validate(schedule);
            foreach (var job in schedule.Jobs.Where(j => j.Mode.NeedsPreset()))
            {
                Assert.True(presets.Contains(job.PresetName), $"{schedule.JobKey(job)}: preset '{job.PresetName}' is not in deploy/presets");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Crontab))]
    public void The_machine_schedules_carry_every_crontab_job_at_its_central_time(string hardware, string time, RunMode mode, string? preset, bool enabled)
    {
        var (hour, minute) = (int.Parse(time[..2], CultureInfo.InvariantCulture), int.Parse(time[3..], CultureInfo.InvariantCulture));
        var slot = Assert.Single(Shipped, s => s.Name.StartsWith($"{hardware}-{hour:00}{minute:00}-", StringComparison.Ordinal) && s.Cron == $"{minute} {hour} * * *");
        Assert.Equal("America/Chicago", slot.TimeZone);
        Assert.False(slot.Enabled, $"{slot.Name}: machine schedules ship disabled (the embedded cluster has only sim-node-1)");
        Assert.All(slot.Jobs, j => Assert.Equal($"{hardware}-1", j.NodeName));

        if (preset == "*")
        {
            // One sanity job per sanity model, three trials each.
            Assert.Equal(SanityPresets.Order(), slot.Jobs.Select(j => j.PresetName).Order());
            Assert.All(slot.Jobs, j => Assert.Equal((RunMode.Sanity, 3), (j.Mode, j.Options?.Trials)));
            return;
        }

        var job = Assert.Single(slot.Jobs);
        Assert.Equal(mode, job.Mode);
        Assert.Equal(preset ?? "", job.PresetName ?? "");
        Assert.Equal(enabled, job.IsEnabled);
        Assert.Equal(ScheduledJobImages.RunsInImage(mode), slot.Images is not null);
    }

    [Fact]
    public void Image_policies_follow_the_old_scripts()
    {
        foreach (var schedule in Shipped.Where(s => s.Images is not null && s.Name.StartsWith("mi", StringComparison.Ordinal)))
        {
            var policy = schedule.Images!;
            Assert.Equal(("rocm/sgl-dev", schedule.Name[..5], 1, true), (policy.Repository, policy.Hardware, policy.ContinueRunDays, policy.YesterdayFallback));
            // mi30x falls back to rocm630 the same day, except sanity and Grok-2, which the old scripts forced to rocm700.
            string[] builds = schedule.Name.StartsWith("mi30x", StringComparison.Ordinal) && !schedule.Name.EndsWith("sanity", StringComparison.Ordinal) && !schedule.Name.Contains("grok2", StringComparison.Ordinal)
                ? ["rocm700", "rocm630"]
                : ["rocm700"];
            Assert.Equal(builds, policy.RocmBuilds);
        }
    }

    [Fact]
    public void The_mi35x_backups_are_disabled_schedules()
    {
        var backups = Shipped.Where(s => s.Name.StartsWith("mi35x-", StringComparison.Ordinal) && s.Name.Contains("-backup-", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["deepseek-r1-mxfp4-dp-attention", "deepseek-r1-mxfp4-dp-attention-mtp", "deepseek-r1-mxfp4-dp-attention-torch-compile"],
            backups.Select(s => Assert.Single(s.Jobs).PresetName).Order());
        Assert.All(backups, s => Assert.False(s.Enabled));
    }

    [Fact]
    public void The_simulated_night_has_the_same_shape_runs_every_kind_and_only_it_and_its_summary_fire_at_first_start()
    {
        var night = Assert.Single(Shipped, s => s.Name == "sim-nightly");
        var summary = Assert.Single(Shipped, s => s.Name == "sim-daily-summary");
        Assert.True(night.Enabled && summary.Enabled);
        Assert.All(night.Jobs.Concat(summary.Jobs), j => Assert.Equal("sim-node-1", j.NodeName));
        Assert.Null(night.Images);

        var modes = night.Jobs.Select(j => j.Mode).ToHashSet();
        Assert.Superset(
            new HashSet<RunMode> { RunMode.Housekeeping, RunMode.ImageCheck, RunMode.UnitTest, RunMode.Sanity, RunMode.Online, RunMode.PdDisaggregation, RunMode.ModelDownload },
            modes);
        Assert.Equal(SanityPresets.Order(), night.Jobs.Where(j => j.Mode == RunMode.Sanity).Select(j => j.PresetName).Order());
        Assert.All(night.Jobs.Where(j => j.Mode == RunMode.Sanity), j => Assert.Equal(3, j.Options?.Trials));
        Assert.True(Assert.Single(night.Jobs, j => j.Mode == RunMode.ModelDownload).Options?.DryRun);
        Assert.Contains(night.Jobs, j => j.PresetName == "grok1-int4" && j.Mode == RunMode.Online);
        Assert.Contains(night.Jobs, j => j.PresetName == "grok2-fp8" && j.Mode == RunMode.Online);
        Assert.Contains(night.Jobs, j => j.PresetName == "deepseek-v3-0324-fp8" && j.Mode == RunMode.Online);
        var variants = Assert.Single(Shipped, s => s.Name == "sim-deepseek-variants");
        Assert.All(variants.Jobs, j => Assert.Equal((RunMode.Online, "sim-node-1"), (j.Mode, j.NodeName)));
        Assert.True(variants.Jobs.Count >= 3);

        Assert.Equal(RunMode.DailySummary, Assert.Single(summary.Jobs).Mode);
        Assert.True(SeedCatalog.FiresAtFirstStart(night));
        Assert.Equal([night.Name], Shipped.Where(SeedCatalog.FiresAtFirstStart).Select(s => s.Name));
        Assert.Equal([summary.Name], Shipped.Where(SeedCatalog.FiresAfterFirstNight).Select(s => s.Name));
        Assert.All(night.Jobs.Concat(summary.Jobs), j => Assert.True(j.IsEnabled, $"{night.Name}: the {j.Mode} job is off; the simulated night runs every kind"));
    }
}
