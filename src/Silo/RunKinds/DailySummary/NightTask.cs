using SglangCi.Interfaces.Runs;

namespace SglangCi.Silo.RunKinds.DailySummary;

/// <summary>One job of a night as the summary reports it: the run that speaks for it (a run of the night's image before
/// one on an older image, then the newest) and how many other runs it had.</summary>
/// <param name="Key">The job key, or <c>preset|mode</c> for a run started by hand.</param>
/// <param name="Accuracy">The run's GSM8K accuracy, where it has a gate.</param>
public sealed record NightTask(string Key, string Name, RunSummary Run, int OtherRuns, double? Accuracy = null)
{
    public CheckStatus Status => Run.Status switch
    {
        RunStatus.Succeeded => CheckStatus.Passed,
        RunStatus.Skipped => CheckStatus.Skipped,
        _ => CheckStatus.Failed,
    };

    /// <summary>Groups the night's finished runs per job and names each job (names made unique with the job's key).</summary>
    public static IReadOnlyList<NightTask> Group(IEnumerable<RunSummary> runs, DateOnly night)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var tasks = runs
            .GroupBy(r => r.JobKey ?? $"{r.Preset}|{r.Mode}", StringComparer.Ordinal)
            .Select(g =>
            {
                var run = g.OrderByDescending(r => r.ImageDate == night)
                    .ThenByDescending(r => r.StartedAt ?? r.FinishedAt)
                    .ThenByDescending(r => r.Id, StringComparer.Ordinal)
                    .First();
                return new NightTask(g.Key, NightTaskNames.Name(run.Preset, run.Mode), run, g.Count() - 1);
            })
            .ToList();
        return tasks;
    }
}
