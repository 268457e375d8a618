using System.Text.Json;
using SglangCi.Cli.Commands.Schedules;
using SglangCi.Cli.Output;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Integration.Tests.Cli;

/// <summary><c>schedule list</c>'s times and JSON, and the job key in <c>runs --json</c>.</summary>
public sealed class ScheduleOutputTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(192, "in 3h 12m")]
    [InlineData(45, "in 45m")]
    [InlineData(0.5, "in 1m")]
    [InlineData(26 * 60 + 5, "in 1d 2h")]
    [InlineData(0, "due now")]
    [InlineData(-3, "due now")]
    public void Next_firing_reads_from_now(double minutes, string expected) =>
        Assert.Equal(expected, ScheduleTimes.FromNow(Now.AddMinutes(minutes), Now));

    [Fact]
    public void A_schedule_lists_its_next_firing_in_its_zone_and_utc_and_a_disabled_one_none()
    {
        var definition = new ScheduleDefinition("mi30x-1115-sanity", "15 11 * * *", "America/Chicago", true,
            [new ScheduledJob("grok1-int4", "mi30x-1", RunMode.Sanity) { Options = new RunOptions { Trials = 3 } }])
        {
            Images = new NightlyImagePolicy { Hardware = "mi30x" },
        };
        var next = new DateTimeOffset(2026, 12, 1, 17, 15, 0, TimeSpan.Zero);
        var status = new ScheduleStatus(definition, next, null, []);

        var json = ScheduleJson.From(definition, status, Now);

        Assert.Equal("2026-12-01T17:15:00Z", json.NextFiring);
        Assert.Equal("2026-12-01 11:15 America/Chicago", json.NextFiringLocal);
        Assert.Equal("in 3h 15m", json.NextFiringIn);
        var job = Assert.Single(json.Jobs);
        Assert.Equal(("grok1-int4-sanity", "mi30x-1115-sanity/grok1-int4-sanity", "sanity"), (job.Name, job.JobKey, job.Mode));

        var disabled = ScheduleJson.From(definition with { Enabled = false }, status, Now);
        Assert.Null(disabled.NextFiring);
        Assert.False(disabled.Enabled);
    }

    [Fact]
    public void Runs_json_carries_the_job_key_and_mode()
    {
        var run = new RunSummary("r1", "grok1-int4", 1, "GROK1", "mi30x-1", "h", "mi30x", "sanity", null, new DateOnly(2026, 12, 1),
            RunStatus.Skipped, "yesterday's run succeeded", null, null, RunPhase.Queued, "schedule:x")
        {
            JobKey = "mi30x-1115-sanity/grok1-int4-sanity",
        };

        var json = JsonDocument.Parse(JsonSerializer.Serialize(RunJson.From(run), JsonOutput.Options)).RootElement;

        Assert.Equal("mi30x-1115-sanity/grok1-int4-sanity", json.GetProperty("jobKey").GetString());
        Assert.Equal("sanity", json.GetProperty("mode").GetString());
        Assert.Equal("skipped", json.GetProperty("status").GetString());
    }
}
