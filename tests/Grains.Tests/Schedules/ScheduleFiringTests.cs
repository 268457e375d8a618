using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Grains.Tests.Schedules;

/// <summary>Firing through the cluster: job keys and verdicts reach the stored runs; switched-off jobs start nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ScheduleFiringTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_fired_job_s_run_carries_its_job_key_and_a_disabled_job_starts_nothing()
    {
        await Grains.GetGrain<IGpuNodeGrain>("firing-node").Configure(TestPresets.Node("firing-node"));
        await Grains.GetGrain<IModelPresetGrain>("firing").Save(TestPresets.Tiny("firing"));
        var schedule = Grains.GetGrain<IScheduleGrain>("firing-night");
        await schedule.Configure(new ScheduleDefinition("firing-night", "0 2 * * *", "UTC", false,
        [
            new ScheduledJob("firing", "firing-node", RunMode.Online) { Options = new RunOptions { Trials = 2 } },
            new ScheduledJob("firing", "firing-node", RunMode.Online) { Name = "switched-off", Enabled = false },
        ]));

        var id = Assert.Single(await schedule.Fire("test"));

        var summary = await Eventually.Until(
            Grains.GetGrain<IRunGrain>(id).GetSummary, s => s!.Status.IsTerminal(), TimeSpan.FromSeconds(120), "scheduled run end");
        Assert.Equal("firing-night/firing-online", summary!.JobKey);
        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        var stored = await Grains.GetGrain<IRunQueryGrain>(0).QueryRuns(new RunQuery(null, null, null, null, null) { JobKey = "firing-night/firing-online" });
        Assert.Equal(id, Assert.Single(stored).Id);
    }

    [Fact]
    public async Task A_job_decided_at_firing_is_stored_ended_without_a_lease()
    {
        // The test silo has no image source, so a job that needs a nightly image is recorded as failed, saying why.
        await Grains.GetGrain<IGpuNodeGrain>("verdict-node").Configure(TestPresets.Node("verdict-node"));
        await Grains.GetGrain<IModelPresetGrain>("verdict").Save(TestPresets.Tiny("verdict"));
        var schedule = Grains.GetGrain<IScheduleGrain>("verdict-night");
        await schedule.Configure(new ScheduleDefinition("verdict-night", "0 2 * * *", "America/Chicago", true,
            [new ScheduledJob("verdict", "verdict-node", RunMode.Online)])
        {
            Images = new NightlyImagePolicy { Hardware = "mi30x", RocmBuilds = ["rocm700", "rocm630"] },
        });

        var id = Assert.Single(await schedule.Fire("test"));

        var summary = await Grains.GetGrain<IRunGrain>(id).GetSummary();
        Assert.Equal(RunStatus.Failed, summary!.Status);
        Assert.Contains("no nightly image source", summary.Reason, StringComparison.Ordinal);
        Assert.Null(summary.Image);
        Assert.Equal("verdict-night/verdict-online", summary.JobKey);
        var node = await Grains.GetGrain<IGpuNodeGrain>("verdict-node").GetStatus();
        Assert.Empty(node.ActiveLeases);
        Assert.Empty(node.QueuedRuns);
        var stored = await Eventually.Until(
            () => Grains.GetGrain<IRunQueryGrain>(0).QueryRuns(new RunQuery(null, null, null, null, null) { JobKey = "verdict-night/verdict-online" }),
            runs => runs.Count == 1 && runs[0].Status == RunStatus.Failed, TimeSpan.FromSeconds(10), "verdict stored");
        Assert.Equal(id, stored[0].Id);
    }

    [Fact]
    public async Task A_verdict_must_end_the_run()
    {
        await Grains.GetGrain<IGpuNodeGrain>("verdict-node-2").Configure(TestPresets.Node("verdict-node-2"));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Grains.GetGrain<IRunGrain>("verdict-queued").Start(
            new RunRequest("", "verdict-node-2", RunMode.Housekeeping, null, null, "test") { Verdict = new RunVerdict(RunStatus.Queued, "no") }));
        Assert.Contains("a verdict must end the run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_rejects_a_job_without_its_preset_naming_the_index()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Grains.GetGrain<IScheduleGrain>("bad-jobs").Configure(
            new ScheduleDefinition("bad-jobs", "0 2 * * *", "UTC", true,
                [new ScheduledJob("", "n", RunMode.UnitTest), new ScheduledJob("", "n", RunMode.Sanity)])));
        Assert.Contains("schedule 'bad-jobs': Jobs[1] (sanity) needs PresetName", error.Message, StringComparison.Ordinal);
    }
}
