using System.Globalization;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Grains.Schedules;

/// <summary>What a scheduled job runs on: an image and its night, or an outcome decided without running (<see cref="Verdict"/>).</summary>
/// <param name="Image">Full image name; null: the node runtime's default (no image policy) or nothing (a verdict).</param>
/// <param name="ImageDate">The night the run stands for.</param>
public sealed record JobImage(string? Image, DateOnly? ImageDate, RunVerdict? Verdict)
{
    public static JobImage RunOn(string image, DateOnly date) => new(image, date, null);

    public static JobImage Skip(DateOnly date, string reason) => new(null, date, new RunVerdict(RunStatus.Skipped, reason));

    public static JobImage Fail(DateOnly date, string reason) => new(null, date, new RunVerdict(RunStatus.Failed, reason));
}

/// <summary>
/// The old CI's image rules (seed inventory §1.2, §1.13.2) as one pure function of what the registry and the stored
/// runs say. Unlike the old scripts it reads yesterday's outcome from the stored run status, not from a log's wording:
/// the old "All benchmarks completed" line was printed on failure too and so blocked the retry it was meant to allow.
/// </summary>
public static class NightlyImageDecision
{
    /// <summary>Whether the yesterday rule applies, so the caller must also look up yesterday's image and runs.</summary>
    public static bool NeedsYesterday(NightlyImagePolicy policy, NightlyImageLookup tonight)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(tonight);
        return !tonight.Found && policy.ContinueRunDays == 1 && policy.YesterdayFallback;
    }

    /// <param name="tonight">The lookup over today's builds (and earlier nights, with more than one run day).</param>
    /// <param name="yesterdayImage">Yesterday's primary build; only read when <see cref="NeedsYesterday"/>.</param>
    /// <param name="yesterdayRuns">The job's stored runs on yesterday's image date; only read when <see cref="NeedsYesterday"/>.</param>
    public static JobImage Decide(
        NightlyImagePolicy policy,
        DateOnly today,
        NightlyImageLookup tonight,
        NightlyImageLookup? yesterdayImage,
        IReadOnlyList<RunSummary>? yesterdayRuns)
    {
        if (tonight.Found)
        {
            return JobImage.RunOn(tonight.Image!, tonight.Date ?? today);
        }

        if (!NeedsYesterday(policy, tonight))
        {
            return JobImage.Fail(today, $"no nightly image for {Day(today)} ({policy.Hardware}): tried {Tried(tonight)}");
        }

        var yesterday = today.AddDays(-1);
        var last = (yesterdayRuns ?? []).OrderByDescending(r => r.Id, StringComparer.Ordinal).FirstOrDefault();
        if (last is { Status: RunStatus.Succeeded })
        {
            return JobImage.Skip(today, $"yesterday's run {last.Id} on {last.Image} succeeded; no new image for {Day(today)}");
        }

        if (last is { Status: RunStatus.Queued or RunStatus.Running })
        {
            // Starting it twice on the same image would only queue a duplicate behind it.
            return JobImage.Skip(today, $"yesterday's run {last.Id} on {last.Image} is still {last.Status.ToString().ToLowerInvariant()}; no new image for {Day(today)}");
        }

        if (yesterdayImage is not { Found: true })
        {
            var tried = yesterdayImage is null ? Tried(tonight) : $"{Tried(tonight)}, {Tried(yesterdayImage)}";
            return JobImage.Fail(today, $"no image for {Day(today)} or {Day(yesterday)} ({policy.Hardware}): tried {tried}");
        }

        // Yesterday failed, was skipped by its gate, or never ran: its image deserves the run it did not get.
        return JobImage.RunOn(yesterdayImage.Image!, yesterdayImage.Date ?? yesterday);
    }

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Tried(NightlyImageLookup lookup) => lookup.Tried.Count == 0 ? "nothing" : string.Join(", ", lookup.Tried);
}
