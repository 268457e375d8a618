using SglangCi.Grains.Schedules;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Grains.Tests.Schedules;

/// <summary>
/// The old CI's image rules at firing time (seed inventory §1.2, §1.13.2): today's image, rocm630 the same day on
/// mi30x, earlier nights with --continue-run-days, and the yesterday rule read from stored run outcomes.
/// </summary>
public sealed class NightlyImageRuleTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateOnly Yesterday = Today.AddDays(-1);

    // 17:00 UTC on 1 December is 11:00 in Chicago, the same day.
    private static readonly DateTimeOffset FiredAt = new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero);

    private static readonly ScheduledJob Job = new("grok1-int4", "mi30x-1", RunMode.Online);

    private static ScheduleDefinition Schedule(int continueRunDays = 1, bool yesterdayFallback = true) =>
        new("mi30x-1400-grok-online", "0 14 * * *", "America/Chicago", true, [Job])
        {
            Images = new NightlyImagePolicy
            {
                Hardware = "mi30x",
                RocmBuilds = ["rocm700", "rocm630"],
                ContinueRunDays = continueRunDays,
                YesterdayFallback = yesterdayFallback,
            },
        };

    public enum Expect
    {
        Run,
        Skip,
        Fail,
    }

    /// <summary>Each case: published images ("MM-dd rocm"), yesterday's stored runs of the job (oldest first), and the outcome.</summary>
    public static TheoryData<string, string[], RunStatus[], int, Expect, string> Cases() => new()
    {
        { "today's primary build", ["12-01 rocm700", "12-01 rocm630"], [], 1, Expect.Run, "12-01 rocm700" },
        { "rocm630 the same day when rocm700 is missing", ["12-01 rocm630", "11-30 rocm700"], [], 1, Expect.Run, "12-01 rocm630" },
        { "continue-run-days 3 finds two days ago (primary only)", ["11-30 rocm630", "11-29 rocm700"], [], 3, Expect.Run, "11-29 rocm700" },
        { "continue-run-days 3 with nothing fails, no yesterday rule", ["11-28 rocm700"], [RunStatus.Failed], 3, Expect.Fail, "no nightly image for 2026-12-01" },
        { "yesterday succeeded: skipped", ["11-30 rocm700"], [RunStatus.Succeeded], 1, Expect.Skip, "succeeded; no new image for 2026-12-01" },
        { "yesterday failed: rerun on yesterday's primary image", ["11-30 rocm700", "11-30 rocm630"], [RunStatus.Failed], 1, Expect.Run, "11-30 rocm700" },
        { "yesterday skipped by its gate: rerun", ["11-30 rocm700"], [RunStatus.Skipped], 1, Expect.Run, "11-30 rocm700" },
        { "yesterday missing: rerun", ["11-30 rocm700"], [], 1, Expect.Run, "11-30 rocm700" },
        { "the latest of yesterday's runs decides", ["11-30 rocm700"], [RunStatus.Succeeded, RunStatus.Failed], 1, Expect.Run, "11-30 rocm700" },
        { "yesterday still running: not started twice", ["11-30 rocm700"], [RunStatus.Running], 1, Expect.Skip, "is still running" },
        { "no image yesterday either: failed", ["11-29 rocm700"], [RunStatus.Failed], 1, Expect.Fail, "no image for 2026-12-01 or 2026-11-30" },
        { "yesterday's rocm630 is never a fallback", ["11-30 rocm630"], [], 1, Expect.Fail, "no image for 2026-12-01 or 2026-11-30" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Image_rules(string @case, string[] published, RunStatus[] yesterdayRuns, int continueRunDays, Expect expect, string expected)
    {
        var source = new FakeNightlyImageSource();
        foreach (var entry in published)
        {
            var parts = entry.Split(' ');
            source.Publish("mi30x", DateOnly.ParseExact($"2026-{parts[0]}", "yyyy-MM-dd"), parts[1]);
        }

        var schedule = Schedule(continueRunDays);
        var store = InMemoryResultsStore.For(Guid.NewGuid().ToString("N"));
        for (var i = 0; i < yesterdayRuns.Length; i++)
        {
            await store.SaveRunAsync(StoredRun($"20261130T{i:00}0000Z-grok1-int4-mi30x-1-aaaaaa", schedule.JobKey(Job), yesterdayRuns[i]), [], default);
        }

        // A success of another job on the same night must not count for this one.
        await store.SaveRunAsync(StoredRun("20261130T230000Z-other", "mi30x-1535-grok2-online/grok2-fp8-online", RunStatus.Succeeded), [], default);

        var image = await new ScheduledJobImages(source, q => store.QueryRunsAsync(q, default), FiredAt).ResolveAsync(schedule, Job);

        switch (expect)
        {
            case Expect.Run:
                Assert.True(image.Verdict is null, $"{@case}: {image.Verdict}");
                var parts = expected.Split(' ');
                var date = DateOnly.ParseExact($"2026-{parts[0]}", "yyyy-MM-dd");
                Assert.Equal(FakeNightlyImageSource.Image("mi30x", date, parts[1]), image.Image);
                Assert.Equal(date, image.ImageDate);
                break;
            case Expect.Skip or Expect.Fail:
                Assert.NotNull(image.Verdict);
                Assert.Equal(expect == Expect.Skip ? RunStatus.Skipped : RunStatus.Failed, image.Verdict.Status);
                Assert.Contains(expected, image.Verdict.Reason, StringComparison.Ordinal);
                Assert.Null(image.Image);
                Assert.Equal(Today, image.ImageDate);
                break;
        }
    }

    [Fact]
    public async Task A_failed_rerun_names_what_was_tried()
    {
        var source = new FakeNightlyImageSource();
        var store = InMemoryResultsStore.For(Guid.NewGuid().ToString("N"));

        var image = await new ScheduledJobImages(source, q => store.QueryRunsAsync(q, default), FiredAt).ResolveAsync(Schedule(), Job);

        Assert.Equal(RunStatus.Failed, image.Verdict!.Status);
        Assert.Equal("no image for 2026-12-01 or 2026-11-30 (mi30x): tried 2026-12-01 rocm700, 2026-12-01 rocm630, 2026-11-30 rocm700", image.Verdict.Reason);
    }

    [Fact]
    public async Task Without_the_yesterday_rule_no_image_fails_without_asking_for_yesterday()
    {
        var source = new FakeNightlyImageSource().Publish("mi30x", Yesterday, "rocm700");
        var image = await new ScheduledJobImages(source, _ => throw new InvalidOperationException("must not query"), FiredAt)
            .ResolveAsync(Schedule(yesterdayFallback: false), Job);

        Assert.Equal(RunStatus.Failed, image.Verdict!.Status);
        Assert.StartsWith("no nightly image for 2026-12-01", image.Verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(1, source.Lookups);
    }

    [Fact]
    public void Today_is_the_firing_day_in_the_schedule_zone()
    {
        // 02:30 UTC on 1 December is 20:30 on 30 November in Chicago.
        var lateEvening = new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 11, 30), ScheduledJobImages.Today(Schedule(), lateEvening));
        Assert.Equal(new DateOnly(2026, 12, 1), ScheduledJobImages.Today(Schedule() with { TimeZone = "UTC" }, lateEvening));
    }

    [Fact]
    public async Task A_firing_late_in_the_evening_looks_for_that_evening_s_night()
    {
        var source = new FakeNightlyImageSource().Publish("mi30x", new DateOnly(2026, 11, 30), "rocm700").Publish("mi30x", Today, "rocm700");
        var store = InMemoryResultsStore.For(Guid.NewGuid().ToString("N"));

        var image = await new ScheduledJobImages(source, q => store.QueryRunsAsync(q, default), new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero))
            .ResolveAsync(Schedule(), Job);

        Assert.Equal(FakeNightlyImageSource.Image("mi30x", new DateOnly(2026, 11, 30), "rocm700"), image.Image);
    }

    [Fact]
    public async Task Jobs_of_one_firing_share_a_lookup_and_model_less_jobs_need_none()
    {
        var source = new FakeNightlyImageSource().Publish("mi30x", Today, "rocm700");
        var sanity = new[] { "gpt-oss-120b", "qwen3-30b", "grok1-fp8" }.Select(p => new ScheduledJob(p, "mi30x-1", RunMode.Sanity)).ToList();
        var schedule = Schedule() with { Jobs = [.. sanity, new ScheduledJob("", "mi30x-1", RunMode.Housekeeping)] };
        var images = new ScheduledJobImages(source, _ => throw new InvalidOperationException("must not query"), FiredAt);

        foreach (var job in sanity)
        {
            Assert.Equal(FakeNightlyImageSource.Image("mi30x", Today, "rocm700"), (await images.ResolveAsync(schedule, job)).Image);
        }

        var housekeeping = await images.ResolveAsync(schedule, schedule.Jobs[^1]);
        Assert.Equal(new JobImage(null, Today, null), housekeeping);
        Assert.Equal(1, source.Lookups);
    }

    [Fact]
    public async Task An_unreadable_registry_fails_the_job_with_its_words_and_no_source_says_so()
    {
        var broken = new FakeNightlyImageSource { Failure = new HttpRequestException("connection refused") };
        var failed = await new ScheduledJobImages(broken, _ => throw new InvalidOperationException(), FiredAt).ResolveAsync(Schedule(), Job);
        Assert.Equal(RunStatus.Failed, failed.Verdict!.Status);
        Assert.Contains("nightly image lookup failed (rocm/sgl-dev, mi30x): connection refused", failed.Verdict.Reason, StringComparison.Ordinal);

        var none = await new ScheduledJobImages(null, _ => throw new InvalidOperationException(), FiredAt).ResolveAsync(Schedule(), Job);
        Assert.Contains("no nightly image source", none.Verdict!.Reason, StringComparison.Ordinal);

        var noPolicy = await new ScheduledJobImages(null, _ => throw new InvalidOperationException(), FiredAt).ResolveAsync(Schedule() with { Images = null }, Job);
        Assert.Equal(new JobImage(null, Today, null), noPolicy);
    }

    private static RunSummary StoredRun(string id, string jobKey, RunStatus status) => new(
        id, "grok1-int4", 1, "GROK1", "mi30x-1", "host", "mi30x", "online",
        FakeNightlyImageSource.Image("mi30x", Yesterday, "rocm700"), Yesterday, status, null,
        FiredAt.AddDays(-1), status.IsTerminal() ? FiredAt.AddDays(-1).AddHours(1) : null, RunPhase.Done, "schedule")
    {
        JobKey = jobKey,
    };
}
