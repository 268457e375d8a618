using SglangCi.Interfaces.Hardware;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels.Hardware;

/// <summary>
/// Every task of one hardware kind over its last nights with data: for each task (group, task, mode) its outcome per
/// night, oldest first — the old dashboard's "test history", without its guesswork: a task that ran twice on a night
/// (two hosts, or a rerun) shows both rows.
/// </summary>
public sealed record TaskHistory(string Hardware, IReadOnlyList<DateOnly> Days, IReadOnlyList<TaskHistoryLine> Tasks)
{
    public const int DefaultDays = 30;

    public const int MaxDays = 90;

    /// <summary>The nights of <paramref name="hardware"/> with data, the last <paramref name="days"/> of them up to <paramref name="to"/> (default: its newest).</summary>
    public static async Task<TaskHistory> LoadAsync(IGrainFactory grains, string hardware, int days, DateOnly? to)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var query = grains.GetGrain<IHardwareQueryGrain>(0);
        var withData = (await query.Days(hardware, null, to)).Select(d => d.Day);
        return await LoadAsync(query, hardware, withData, days);
    }

    /// <summary>The same, from days with data the caller already read (the hardware page has them for its day picker).</summary>
    public static async Task<TaskHistory> LoadAsync(IHardwareQueryGrain query, string hardware, IEnumerable<DateOnly> daysWithData, int days)
    {
        ArgumentNullException.ThrowIfNull(query);
        var nights = daysWithData
            .Distinct()
            .OrderDescending()
            .Take(Math.Clamp(days, 1, MaxDays))
            .Order()
            .ToList();
        var loaded = await Task.WhenAll(nights.Select(day => query.Night(hardware, day)));
        return From(hardware, loaded);
    }

    /// <summary>The history of the task a night's row belongs to; null when it has none (it never ran in these nights).</summary>
    public TaskHistoryLine? Of(HardwareTaskRow row) =>
        Tasks.FirstOrDefault(t => t.Group == row.Group && t.Task == row.Task && t.Mode == row.Mode);

    public static TaskHistory From(string hardware, IReadOnlyList<HardwareNight> nights)
    {
        var days = nights.Select(n => n.Day).Order().ToList();
        var tasks = nights
            .SelectMany(n => n.Rows.Select(row => (n.Day, Row: row)))
            .GroupBy(x => (x.Row.Group, x.Row.Task, x.Row.Mode))
            .OrderBy(g => g.Key.Group).ThenBy(g => g.Key.Task, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key.Mode, StringComparer.Ordinal)
            .Select(g => new TaskHistoryLine(
                g.Key.Group,
                g.Key.Task,
                g.Key.Mode,
                g.OrderBy(x => x.Day).ThenBy(x => x.Row.StartedAt)
                    .Select(x => new TaskHistoryEntry(x.Day, x.Row.Status, x.Row.Outcome, x.Row.Host, x.Row.Accuracy, x.Row.DurationSeconds, x.Row.Detail, x.Row.RunId))
                    .ToList()))
            .ToList();
        return new TaskHistory(hardware, days, tasks);
    }
}

/// <summary>One task's nights.</summary>
public sealed record TaskHistoryLine(HardwareTaskGroup Group, string Task, string? Mode, IReadOnlyList<TaskHistoryEntry> Nights)
{
    /// <summary>Succeeded ÷ finished over these nights, the one pass-rate definition used everywhere.</summary>
    public double? PassRate => PassRates.Of(Nights.Count(n => n.Status == RunStatus.Succeeded), Nights.Count(n => n.Status.IsTerminal()));

    /// <summary>
    /// One mark per night of <paramref name="days"/>: the night's worst outcome of this task (a failure on one host is
    /// not hidden by a success on another), or none when it did not run that night.
    /// </summary>
    public IReadOnlyList<NightMark> Marks(IReadOnlyList<DateOnly> days) => days
        .Select(day =>
        {
            var entries = Nights.Where(n => n.Day == day).ToList();
            return new NightMark(day, entries.Count == 0 ? null : entries.MaxBy(e => Severity(e.Status))!.Status, entries);
        })
        .ToList();

    private static int Severity(RunStatus status) => status switch
    {
        RunStatus.Failed => 3,
        RunStatus.Skipped => 2,
        RunStatus.Succeeded => 0,
        _ => 1,
    };
}

/// <summary>One night of a task's history strip: its worst outcome (null: it did not run) and what ran.</summary>
public sealed record NightMark(DateOnly Day, RunStatus? Status, IReadOnlyList<TaskHistoryEntry> Entries)
{
    /// <summary>The tooltip: the night and each run's outcome, host and reason.</summary>
    public string Title => Entries.Count == 0
        ? $"{Formats.Date(Day)}: did not run"
        : $"{Formats.Date(Day)}: " + string.Join("; ", Entries.Select(e =>
            $"{e.Outcome}{(e.Host is null ? "" : $" on {e.Host}")}{(string.IsNullOrEmpty(e.Detail) ? "" : $" ({e.Detail})")}"));

    /// <summary>The CSS class of the mark, by outcome.</summary>
    public string CssClass => Status switch
    {
        null => "night-none",
        RunStatus.Succeeded => "night-good",
        RunStatus.Failed => "night-bad",
        RunStatus.Skipped => "night-skipped",
        _ => "night-other",
    };
}

/// <summary>What one task did on one night (one row of that night's hardware page).</summary>
public sealed record TaskHistoryEntry(
    DateOnly Day, RunStatus Status, string Outcome, string? Host, double? Accuracy, double? DurationSeconds, string? Detail, string? RunId);
