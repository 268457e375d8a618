using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;
using SglangCi.Toolkit.Images;

namespace SglangCi.Grains.Schedules;

/// <summary>
/// The images of one firing's jobs: asks the registry and the stored runs what <see cref="NightlyImageDecision"/>
/// needs. One instance per firing, so jobs with the same policy (seven sanity models) share one registry listing.
/// </summary>
public sealed class ScheduledJobImages
{
    /// <summary>Runs stored per job key are few (one or two a night); this bounds a misbehaving history.</summary>
    private const int YesterdayRunLimit = 50;

    private readonly INightlyImageSource? _source;
    private readonly Func<RunQuery, Task<IReadOnlyList<RunSummary>>> _runs;
    private readonly DateTimeOffset _firedAt;
    private readonly Dictionary<string, Task<NightlyImageLookup>> _lookups = new(StringComparer.Ordinal);

    /// <param name="source">Null where the silo has none (a test cluster): jobs that need an image then fail, saying so.</param>
    /// <param name="runs">Reads stored runs (the run query grain).</param>
    public ScheduledJobImages(INightlyImageSource? source, Func<RunQuery, Task<IReadOnlyList<RunSummary>>> runs, DateTimeOffset firedAt)
    {
        ArgumentNullException.ThrowIfNull(runs);
        _source = source;
        _runs = runs;
        _firedAt = firedAt;
    }

    /// <summary>Jobs that hold GPUs are the ones that run inside the nightly image; reports and clean-ups do not.</summary>
    public static bool RunsInImage(RunMode mode) => mode.NeedsGpus();

    /// <summary>The schedule's "today": the firing's calendar day in the schedule's own zone (02:30 UTC on 1 December is
    /// still 30 November in Chicago).</summary>
    public static DateOnly Today(ScheduleDefinition schedule, DateTimeOffset firedAt)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return NightlyDate.Today(firedAt, schedule.TimeZone);
    }

    public async Task<JobImage> ResolveAsync(ScheduleDefinition schedule, ScheduledJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(job);
        var today = Today(schedule, _firedAt);
        if (schedule.Images is not { } policy || !RunsInImage(job.Mode))
        {
            return new JobImage(null, today, null);
        }

        if (_source is null)
        {
            return JobImage.Fail(today, "this silo has no nightly image source (SglangCi:Images) to find the image on");
        }

        try
        {
            var tonight = await LookupAsync(policy, today, policy.RocmBuilds, policy.ContinueRunDays, cancellationToken);
            if (!NightlyImageDecision.NeedsYesterday(policy, tonight))
            {
                return NightlyImageDecision.Decide(policy, today, tonight, null, null);
            }

            var yesterday = today.AddDays(-1);
            var yesterdayImage = await LookupAsync(policy, yesterday, [policy.PrimaryRocm], 1, cancellationToken);
            var yesterdayRuns = await _runs(new RunQuery(yesterday, yesterday, null, null, null, YesterdayRunLimit) { JobKey = schedule.JobKey(job) });
            return NightlyImageDecision.Decide(policy, today, tonight, yesterdayImage, yesterdayRuns);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // An unreadable registry is not "no image": the job fails with the registry's own words.
            return JobImage.Fail(today, $"nightly image lookup failed ({policy.Repository}, {policy.Hardware}): {e.Message}");
        }
    }

    private Task<NightlyImageLookup> LookupAsync(NightlyImagePolicy policy, DateOnly today, IReadOnlyList<string> builds, int nights, CancellationToken cancellationToken)
    {
        var request = new NightlyImageRequest(policy.Repository, policy.Hardware, today, builds, nights);
        var key = $"{request.Repository}|{request.Hardware}|{NightlyImageDecision.Day(today)}|{string.Join(',', builds)}|{nights}";
        if (!_lookups.TryGetValue(key, out var lookup))
        {
            lookup = _source!.FindAsync(request, cancellationToken);
            _lookups[key] = lookup;
        }

        return lookup;
    }
}
