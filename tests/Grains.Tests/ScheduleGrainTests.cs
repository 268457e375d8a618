using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ScheduleGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Bad_cron_or_time_zone_is_rejected_naming_the_value()
    {
        var schedule = Grains.GetGrain<IScheduleGrain>("bad");
        var cron = await Assert.ThrowsAsync<ArgumentException>(() =>
            schedule.Configure(new ScheduleDefinition("bad", "61 2 * * *", "UTC", true, [])));
        Assert.Contains("invalid cron expression '61 2 * * *'", cron.Message);

        var sixFields = await Assert.ThrowsAsync<ArgumentException>(() =>
            schedule.Configure(new ScheduleDefinition("bad", "0 0 2 * * *", "UTC", true, [])));
        Assert.Contains("invalid cron expression", sixFields.Message);

        var zone = await Assert.ThrowsAsync<ArgumentException>(() =>
            schedule.Configure(new ScheduleDefinition("bad", "0 2 * * *", "Mars/Olympus_Mons", true, [])));
        Assert.Contains("unknown time zone 'Mars/Olympus_Mons'", zone.Message);

        Assert.Null((await schedule.GetStatus()).Definition);
    }

    [Fact]
    public async Task Next_firing_is_the_next_2am_in_chicago()
    {
        var schedule = Grains.GetGrain<IScheduleGrain>("chicago");
        var before = DateTimeOffset.UtcNow;
        var status = await schedule.Configure(new ScheduleDefinition("chicago", "0 2 * * *", "America/Chicago", true, []));

        var next = status.NextFiring!.Value;
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var local = TimeZoneInfo.ConvertTime(next, chicago);
        Assert.Equal(2, local.Hour);
        Assert.Equal(0, local.Minute);
        Assert.Equal(chicago.GetUtcOffset(next), local.Offset);
        Assert.True(next > before);
        Assert.True(next - before <= TimeSpan.FromHours(25), $"{next:O} is more than a day after {before:O}");
        Assert.Contains("chicago", await Grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).List(CatalogKind.Schedule));

        var disabled = await schedule.SetEnabled(false);
        Assert.False(disabled.Definition!.Enabled);
        Assert.False((await schedule.GetStatus()).Definition!.Enabled);
    }

    [Fact]
    public async Task Fire_starts_a_run_per_job_and_records_them()
    {
        await Grains.GetGrain<IGpuNodeGrain>("sched-node").Configure(TestPresets.Node("sched-node"));
        await Grains.GetGrain<IModelPresetGrain>("sched").Save(TestPresets.Tiny("sched"));
        var schedule = Grains.GetGrain<IScheduleGrain>("nightly");
        await schedule.Configure(new ScheduleDefinition("nightly", "0 2 * * *", "UTC", true,
        [
            new ScheduledJob("sched", "sched-node", RunMode.Online),
            new ScheduledJob("no-such-preset", "sched-node", RunMode.Online),
        ]));

        var ids = await schedule.Fire("schedule:nightly");

        var id = Assert.Single(ids);
        Assert.Contains("-sched-sched-node-", id);
        var status = await schedule.GetStatus();
        Assert.Equal(ids, status.LastRunIds);
        Assert.NotNull(status.LastFiredAt);
        var summary = await Eventually.Until(
            Grains.GetGrain<IRunGrain>(id).GetSummary, s => s!.Status.IsTerminal(), TimeSpan.FromSeconds(120), "scheduled run end");
        Assert.Equal("schedule:nightly", summary!.Trigger);
        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
    }
}
