using SglangCi.Grains.Schedules;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;
using SglangCi.Silo.Seeding;

namespace SglangCi.Grains.Tests.Schedules;

/// <summary>Schedule files (one schedule, or a list) and the rules a schedule is checked against before it is stored.</summary>
public sealed class ScheduleFileTests
{
    [Fact]
    public void A_file_holds_one_schedule_or_a_list_and_errors_name_file_and_path()
    {
        var one = SeedCatalog.ParseSchedules("""{ "name": "a", "cron": "0 2 * * *", "timeZone": "UTC", "enabled": true, "jobs": [] }""", "a.json");
        Assert.Equal("a", Assert.Single(one).Name);

        var list = SeedCatalog.ParseSchedules("""
            // comments are allowed
            { "schedules": [
              { "name": "b", "cron": "0 2 * * *", "timeZone": "UTC", "enabled": false,
                "images": { "hardware": "mi35x" },
                "jobs": [ { "nodeName": "n", "mode": "UnitTest", "name": "car", "options": { "timeout": "00:30:00" } } ] },
              { "name": "c", "cron": "0 3 * * *", "timeZone": "UTC", "enabled": true, "jobs": [] },
            ] }
            """, "list.json");
        Assert.Equal(["b", "c"], list.Select(s => s.Name));
        var policy = list[0].Images!;
        Assert.Equal(("rocm/sgl-dev", "mi35x", 1, true), (policy.Repository, policy.Hardware, policy.ContinueRunDays, policy.YesterdayFallback));
        Assert.Equal(["rocm700"], policy.RocmBuilds);
        Assert.Equal("b/car", list[0].JobKey(list[0].Jobs[0]));
        Assert.Equal(TimeSpan.FromMinutes(30), list[0].Jobs[0].Options!.Timeout);

        var bad = Assert.Throws<InvalidDataException>(() => SeedCatalog.ParseSchedules(
            """{ "schedules": [ { "name": "ok", "cron": "0 2 * * *", "timeZone": "UTC", "enabled": true, "jobs": [] }, { "name": "x", "jobs": [ { "mode": "Nonsense" } ] } ] }""",
            "deploy/schedules/x.json"));
        Assert.Contains("deploy/schedules/x.json: $.schedules[1]", bad.Message, StringComparison.Ordinal);
        Assert.Contains("$.jobs[0].mode", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Job_names_default_to_preset_and_mode_and_make_the_job_key()
    {
        var schedule = new ScheduleDefinition("mi30x-1115-sanity", "15 11 * * *", "America/Chicago", true,
        [
            new ScheduledJob("grok1-int4", "mi30x-1", RunMode.Sanity),
            new ScheduledJob("", "mi30x-1", RunMode.UnitTest),
            new ScheduledJob("grok1-int4", "mi30x-1", RunMode.Online) { Name = "grok" },
        ]);

        Assert.Equal(["mi30x-1115-sanity/grok1-int4-sanity", "mi30x-1115-sanity/unit-test", "mi30x-1115-sanity/grok"], schedule.Jobs.Select(schedule.JobKey));
        ScheduleValidation.Validate(schedule);
    }

    [Fact]
    public void A_scheduled_request_carries_the_job_key_options_image_and_verdict()
    {
        var job = new ScheduledJob("gpt-oss-20b", "mi30x-1", RunMode.Sanity) { Options = new RunOptions { Trials = 3 } };
        var schedule = new ScheduleDefinition("mi30x-1115-sanity", "15 11 * * *", "America/Chicago", true, [job]);
        var image = JobImage.Skip(new DateOnly(2026, 12, 1), "why");

        var request = ScheduledRuns.Request(schedule, job, image, "schedule:mi30x-1115-sanity");

        Assert.Equal(("gpt-oss-20b", "mi30x-1", RunMode.Sanity), (request.PresetName, request.NodeName, request.Mode));
        Assert.Equal(3, request.Options!.Trials);
        Assert.Equal("mi30x-1115-sanity/gpt-oss-20b-sanity", request.JobKey);
        Assert.Equal(new RunVerdict(RunStatus.Skipped, "why"), request.Verdict);
        Assert.Equal(new DateOnly(2026, 12, 1), request.ImageDate);
        Assert.Contains("-unit-test-mi30x-1-", ScheduledRuns.RunId(new ScheduledJob("", "mi30x-1", RunMode.UnitTest), DateTimeOffset.UtcNow), StringComparison.Ordinal);
    }

    public static TheoryData<ScheduleDefinition, string> Invalid() => new()
    {
        { Def(new ScheduledJob("", "n", RunMode.Online)), "schedule 's': Jobs[0] (online) needs PresetName" },
        { Def(new ScheduledJob("p", "", RunMode.Online)), "schedule 's': Jobs[0] (online) needs NodeName" },
        { Def(new ScheduledJob("p", "n", RunMode.Online), new ScheduledJob("p", "n", RunMode.Online)), "schedule 's': Jobs[1] is named 'p-online' like Jobs[0]" },
        { Def(new ScheduledJob("p", "n", RunMode.Online) { Name = "a/b" }), "schedule 's': Jobs[0]: Name 'a/b'" },
        {
            Def(new ScheduledJob("", "n", RunMode.PrImage) { Options = new RunOptions { PullRequest = 7, GitRemote = "https://bot:ghp_secret@github.com/x/sglang.git" } }),
            "schedule 's': Jobs[0] (pr-image): Options: git remote 'https://<redacted>@github.com/x/sglang.git' carries credentials"
        },
        { Def() with { Images = new NightlyImagePolicy() }, "schedule 's': Images: Hardware is required" },
        { Def() with { Images = new NightlyImagePolicy { Hardware = "mi30x", RocmBuilds = [] } }, "schedule 's': Images: RocmBuilds" },
        { Def() with { Images = new NightlyImagePolicy { Hardware = "mi30x", ContinueRunDays = 0 } }, "schedule 's': Images: ContinueRunDays must be 1 to 14" },
        { Def() with { Images = new NightlyImagePolicy { Hardware = "mi30x", Repository = "rocm/sgl-dev:tag" } }, "schedule 's': Images: Repository" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_schedules_are_rejected_naming_schedule_and_job(ScheduleDefinition schedule, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ScheduleValidation.Validate(schedule));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_less_job_needs_no_preset()
    {
        ScheduleValidation.Validate(Def(
            new ScheduledJob("", "n", RunMode.UnitTest),
            new ScheduledJob(null!, "n", RunMode.Housekeeping),
            new ScheduledJob("", "n", RunMode.DailySummary)));
    }

    private static ScheduleDefinition Def(params ScheduledJob[] jobs) => new("s", "0 2 * * *", "UTC", true, jobs);
}
