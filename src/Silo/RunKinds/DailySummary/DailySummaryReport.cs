using System.Globalization;
using System.Text;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Silo.RunKinds.DailySummary;

/// <summary>
/// A night's results on one hardware kind as checks and one alert (the old <c>send_daily_summary_alert.py</c> card, seed
/// inventory §5.5): one check per job, then <c>tasks</c> with the pass rate. Pure, so every rule is tested without a cluster.
/// <para>Counting: <em>tasks run</em> are the jobs that have a finished run (skipped ones included); <em>not run</em> are
/// jobs of the night's schedules with none; the pass rate is passed / tasks run.</para>
/// </summary>
public sealed record DailySummaryReport(
    IReadOnlyList<RunCheckResult> Checks,
    AlertMessage Alert,
    int TasksRun,
    int Passed,
    int Failed,
    int Skipped,
    int NotRun,
    bool StaleImage)
{
    public const string TasksCheck = "tasks";

    /// <param name="tasks">The night's jobs with a finished run (<see cref="NightTask.Group"/>).</param>
    /// <param name="schedule">The jobs due that night (null <see cref="NightSchedule.Expected"/>: unknown, "not run" is left out).</param>
    /// <param name="stillRunning">Runs of the night not finished yet (not counted).</param>
    public static DailySummaryReport Build(
        string runId, string hardware, DateOnly night, IReadOnlyList<NightTask> tasks, NightSchedule schedule, int stillRunning, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(schedule);
        var date = Day(night);
        var ran = tasks.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var notRun = (schedule.Expected ?? []).Where(j => !ran.Contains(j.JobKey)).GroupBy(j => j.JobKey).Select(g => g.First()).ToList();

        var rows = tasks.Select(t => (Order: NightTaskNames.Order(t.Run.Mode), t.Name, t.Key, Task: (NightTask?)t, Job: (ExpectedJob?)null))
            .Concat(notRun.Select(j => (Order: NightTaskNames.Order(j.StoredMode), j.Name, Key: j.JobKey, Task: (NightTask?)null, Job: (ExpectedJob?)j)))
            .OrderBy(r => r.Order).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        var duplicated = rows.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

        var checks = new List<RunCheckResult>();
        var lines = new List<string>();
        var jobRows = new List<IReadOnlyList<string>>();
        foreach (var row in rows)
        {
            var name = duplicated.Contains(row.Name) || row.Name == TasksCheck ? $"{row.Name} ({row.Key})" : row.Name;
            if (row.Task is { } task)
            {
                var detail = Detail(task, night);
                checks.Add(new RunCheckResult(name, task.Status, task.Accuracy, Took(task.Run), detail));
                lines.Add($"{Word(task.Status)} {name}: {detail}");
                jobRows.Add([name, Word(task.Status), detail]);
            }
            else if (row.Job is { } job)
            {
                var detail = $"not run: {job.JobKey} was due at {TimeZoneInfo.ConvertTime(job.FiresAt, Zone(job.TimeZone)).ToString("HH:mm", CultureInfo.InvariantCulture)} {job.TimeZone}; no run of it is stored for {date}";
                checks.Add(new RunCheckResult(name, CheckStatus.Warning, null, null, detail));
                lines.Add($"NOT RUN {name}: {detail}");
                jobRows.Add([name, "NOT RUN", detail]);
            }
        }

        var passed = tasks.Count(t => t.Status == CheckStatus.Passed);
        var failed = tasks.Count(t => t.Status == CheckStatus.Failed);
        var skipped = tasks.Count(t => t.Status == CheckStatus.Skipped);
        var imageRuns = tasks.Where(t => NightTaskNames.RunsInImage(t.Run.Mode)).ToList();
        var stale = imageRuns.Count > 0 && imageRuns.All(t => t.Run.ImageDate != night);
        double? passRate = tasks.Count == 0 ? null : Math.Round(100.0 * passed / tasks.Count, 1);

        var expectedTotal = tasks.Count + notRun.Count;
        var counts = $"Tasks run: {tasks.Count}/{expectedTotal}, passed {passed}, failed {failed}, skipped {skipped}, " +
            (schedule.Expected is null ? $"not run unknown ({schedule.Problem ?? "the schedules could not be read"})" : $"not run {notRun.Count}") +
            (stillRunning > 0 ? $"; {stillRunning} still running, not counted" : "");
        var tasksCheck = tasks.Count == 0
            ? new RunCheckResult(TasksCheck, CheckStatus.Warning, null, null, $"no runs on {date} ({hardware}){(notRun.Count > 0 ? $"; {notRun.Count} scheduled job(s) not run" : "")}")
            : new RunCheckResult(
                TasksCheck,
                failed > 0 ? CheckStatus.Failed : skipped > 0 || notRun.Count > 0 ? CheckStatus.Warning : CheckStatus.Passed,
                passRate,
                null,
                $"{counts}; pass rate {Percent(passRate)}{(stale ? "; stale image: no run of the night used the night's image" : "")}");
        checks.Add(tasksCheck);

        var hosts = Distinct(tasks.Select(t => t.Run.Host));
        var images = Distinct(imageRuns.Select(t => t.Run.Image));
        var allPassed = tasks.Count > 0 && passed == tasks.Count && notRun.Count == 0;
        var severity = stale || allPassed ? AlertSeverity.Info : AlertSeverity.Warning;

        var text = new StringBuilder();
        if (stale)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Stale image: every run of {date} used an older image ({images}); these results belong to that image's night.");
        }

        text.AppendLine(tasks.Count == 0
            ? $"Nothing ran on {hardware} on {date}{(notRun.Count > 0 ? $": {notRun.Count} scheduled job(s) produced no run" : "")}."
            : $"{counts}; pass rate {Percent(passRate)}.");
        foreach (var line in lines)
        {
            text.AppendLine(line);
        }

        var facts = new Dictionary<string, string>
        {
            ["date"] = date,
            ["hardware"] = hardware,
            ["hosts"] = hosts,
            ["images"] = images,
            ["tasks run"] = $"{tasks.Count}/{expectedTotal}",
            ["passed"] = passed.ToString(CultureInfo.InvariantCulture),
            ["failed"] = failed.ToString(CultureInfo.InvariantCulture),
            ["skipped"] = skipped.ToString(CultureInfo.InvariantCulture),
            ["not run"] = schedule.Expected is null ? "unknown" : notRun.Count.ToString(CultureInfo.InvariantCulture),
            ["pass rate"] = Percent(passRate),
            ["run"] = runId,
        };
        if (stale)
        {
            facts["stale image"] = "yes";
        }

        var alert = new AlertMessage(
            DedupeKey: $"daily-summary/{hardware}/{date}/{runId}",
            Title: $"{date} Daily CI Summary Report — {hardware}",
            Severity: severity,
            Text: text.ToString().TrimEnd(),
            Facts: facts,
            CreatedAt: now)
        {
            Kind = AlertCardKind.DailySummary,
            Tables = jobRows.Count == 0 ? [] : [new AlertTable("Jobs", ["job", "status", "detail"], jobRows)],
        };
        return new DailySummaryReport(checks, alert, tasks.Count, passed, failed, skipped, notRun.Count, stale);
    }

    public static string Day(DateOnly night) => night.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Detail(NightTask task, DateOnly night)
    {
        var run = task.Run;
        var parts = new List<string>
        {
            run.Status switch
            {
                RunStatus.Succeeded => "passed",
                RunStatus.Skipped => $"skipped: {run.Reason ?? "no reason given"}",
                _ => $"failed: {run.Reason ?? "no reason given"}",
            },
        };
        if (task.Accuracy is { } accuracy)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"GSM8K {accuracy:0.000}"));
        }

        if (run.ImageDate is { } imageDate && imageDate != night)
        {
            parts.Add($"on the {Day(imageDate)} image{(run.Image is { } image ? $" ({image})" : "")}");
        }

        parts.Add($"run {run.Id}");
        if (task.OtherRuns > 0)
        {
            parts.Add($"{task.OtherRuns} other run(s) of the job that night");
        }

        return string.Join("; ", parts);
    }

    private static TimeSpan? Took(RunSummary run) => run.StartedAt is { } start && run.FinishedAt is { } end && end >= start ? end - start : null;

    private static string Word(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "PASS",
        CheckStatus.Skipped => "SKIPPED",
        _ => "FAILED",
    };

    private static string Percent(double? rate) => rate is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r:0.#}%") : "n/a";

    private static string Distinct(IEnumerable<string?> values)
    {
        var list = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
