using System.Globalization;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Grains.Storage;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Silo.RunKinds.DailySummary;

/// <summary>
/// The old <c>send_daily_summary_alert.py</c> (seed inventory §5.5) as a run: the night's results of the run's node's
/// hardware in one record and one alert. The night is the plan's image date (a scheduled summary gets the schedule's
/// "today"), else today in the zone of the hardware's daily-summary schedule (UTC when there is none). It reads the
/// results store: runs of that hardware whose image date is the night, plus runs that started that night on an older
/// image (the yesterday rule's fallback runs, stored under their image's night), leaving out daily summaries and runs
/// still going. Runs are grouped per job (job key, else preset and mode); the run of the night's image, else the newest,
/// speaks for its job. Jobs of the night's enabled schedules on this hardware that were due by now and have no run are
/// "not run" (a schedule that never fired yet expects nothing).
/// <para>Records one check per job (<c>grok2-fp8 online</c>, <c>sanity gpt-oss-120b</c>: passed, failed or skipped with
/// the run's reason, GSM8K accuracy as its value, run id), a warning check per job not run, and <c>tasks</c> (value: pass
/// rate in %, passed / tasks run; Warning "no runs on DATE" when nothing ran).</para>
/// <para>Raises one alert, "&lt;date&gt; Daily CI Summary Report — &lt;hardware&gt;": Info when every task passed,
/// Warning when any failed, was skipped or did not run, or nothing ran at all. The old suppression rule (§1.13.3: no card
/// when the night ran on a stale image) becomes a marked alert instead of silence: when every run that works in the
/// image used an image of an earlier night, the text starts with "Stale image", the facts say so, and the severity is
/// Info (those results belong to that image's night, which was reported then).</para>
/// <para>The run succeeds whenever the summary was produced, failed tasks included (the summary reports them); it fails
/// when the results store cannot be read. Unreadable schedules only leave "not run" out (said in the <c>tasks</c> check).</para>
/// <para>Then the night is the regression watch's to judge (<see cref="INightAnalyzer"/>): its benchmark-night card — new
/// regressions, missing series, resolved alerts, improvements — is the run's second alert, and an <c>analysis</c> check
/// says what it found. An analysis that fails is a warning check, not a failed summary.</para>
/// </summary>
public sealed class DailySummaryKind(IResultsStore results, INightScheduleSource? schedules, INightAnalyzer? analyzer = null) : IRunKind
{
    /// <summary>How far back an older image's runs are looked for (the image policies continue at most three nights).</summary>
    public const int StaleNights = 3;

    /// <summary>The check that reports the night's regression analysis.</summary>
    public const string AnalysisCheck = "analysis";

    private const int QueryLimit = 2000;

    public RunMode Mode => RunMode.DailySummary;

    public bool RunsPreLaunch => false;

    public async Task<RunOutcome> ExecuteAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var hardware = run.Plan.Hardware;
        var now = run.Time.GetUtcNow();
        await run.PhaseSkippedAsync(RunPhase.Gsm8kGate);
        await run.PhaseStartedAsync(RunPhase.Benchmark);

        run.Stage = "daily summary: schedules";
        IReadOnlyList<ScheduleOnHardware>? onHardware = null;
        string? problem = null;
        if (schedules is null)
        {
            problem = "this silo reads no schedules";
        }
        else
        {
            try
            {
                onHardware = await schedules.ReadAsync(hardware, run.CancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !run.CancellationToken.IsCancellationRequested)
            {
                problem = $"the schedules could not be read: {e.Message}";
                await run.LogAsync($"daily summary: {problem}; jobs not run are left out");
            }
        }

        var zone = onHardware is null ? null : NightSchedules.ZoneOf(onHardware);
        var night = run.Plan.ImageDate ?? NightSchedules.DayOf(now, zone);
        var schedule = onHardware is null
            ? NightSchedule.Unknown(problem ?? "unknown")
            : new NightSchedule(zone, NightSchedules.Expected(onHardware, night, now));

        run.Stage = "daily summary: results";
        IReadOnlyList<NightTask> tasks;
        int stillRunning;
        try
        {
            var stored = await results.QueryRunsAsync(new RunQuery(night.AddDays(-StaleNights), night, hardware, null, null, QueryLimit), run.CancellationToken);
            var ofNight = stored
                .Where(r => r.Id != run.Plan.RunId && RunModes.KindOfStored(r.Mode) != RunMode.DailySummary)
                .Where(r => r.ImageDate == night || ((r.ImageDate is not { } imageDate || imageDate < night) && FiredAt(r) is { } at && NightSchedules.DayOf(at, zone) == night))
                .ToList();
            stillRunning = ofNight.Count(r => !r.Status.IsTerminal());
            tasks = NightTask.Group(ofNight.Where(r => r.Status.IsTerminal()), night);
            tasks = await WithAccuraciesAsync(tasks, run.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !run.CancellationToken.IsCancellationRequested)
        {
            return RunOutcome.Failed($"daily summary for {hardware} on {DailySummaryReport.Day(night)}: the results store could not be read: {e.Message}");
        }

        run.Stage = "daily summary: report";
        var report = DailySummaryReport.Build(run.Plan.RunId, hardware, night, tasks, schedule, stillRunning, now);
        foreach (var check in report.Checks)
        {
            await run.ReportCheckAsync(check);
        }

        await run.LogAsync($"daily summary {DailySummaryReport.Day(night)} {hardware}: {report.Checks[^1].Detail}");
        await run.RaiseAlertAsync(report.Alert);
        await AnalyseAsync(run, hardware, night, report.StaleImage);
        await run.PhaseStartedAsync(RunPhase.Collected);
        return RunOutcome.Succeeded;
    }

    private async Task AnalyseAsync(RunContext run, string hardware, DateOnly night, bool staleImage)
    {
        if (analyzer is null)
        {
            return;
        }

        run.Stage = "daily summary: regression analysis";
        var started = run.Time.GetTimestamp();
        try
        {
            var analysis = await analyzer.AnalyzeAsync(hardware, night, staleImage, run.CancellationToken);
            var detail = analysis.Suppressed is { } why
                ? $"no card: {why}"
                : string.Create(CultureInfo.InvariantCulture,
                    $"{analysis.Opened.Count} alert(s) opened, {analysis.Resolved.Count} resolved, {analysis.StillActive} active; {analysis.Improvements} improvement(s), {analysis.CandidateRegressions} candidate(s)");
            var status = analysis.Opened.Count > 0 ? CheckStatus.Warning : CheckStatus.Passed;
            await run.ReportCheckAsync(new RunCheckResult(AnalysisCheck, status, analysis.Opened.Count, run.Time.GetElapsedTime(started), detail));
            await run.LogAsync($"daily summary {DailySummaryReport.Day(night)} {hardware}: analysis: {detail}");
            if (analysis.Message is { } card)
            {
                await run.RaiseAlertAsync(card);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !run.CancellationToken.IsCancellationRequested)
        {
            var detail = $"the regression analysis failed: {e.GetBaseException().Message}";
            await run.ReportCheckAsync(new RunCheckResult(AnalysisCheck, CheckStatus.Warning, null, run.Time.GetElapsedTime(started), detail));
            await run.LogAsync($"daily summary {DailySummaryReport.Day(night)} {hardware}: {detail}");
        }
    }

    /// <summary>The GSM8K accuracy of each task's run (one read per run: a night has a few dozen).</summary>
    private async Task<IReadOnlyList<NightTask>> WithAccuraciesAsync(IReadOnlyList<NightTask> tasks, CancellationToken cancellationToken)
    {
        var withAccuracy = new List<NightTask>(tasks.Count);
        foreach (var task in tasks)
        {
            var details = await results.GetRunAsync(task.Run.Id, cancellationToken);
            withAccuracy.Add(task with { Accuracy = details?.Gsm8k?.Accuracy });
        }

        return withAccuracy;
    }

    /// <summary>When the run was started: its start, else its end (a run recorded as skipped at once), else its id's time.</summary>
    private static DateTimeOffset? FiredAt(RunSummary run) =>
        run.StartedAt ?? run.FinishedAt
        ?? (run.Id.Length >= 16 && DateTimeOffset.TryParseExact(run.Id[..16], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null);
}
