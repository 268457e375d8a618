using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// The days that have runs and how to step between them. History has gaps (weekends, nights the old CI skipped), so
/// previous and next jump to the nearest day WITH runs rather than to the calendar neighbour, which would mostly be
/// empty pages.
/// </summary>
public sealed class DayNavigation
{
    public static readonly DayNavigation Empty = new([]);

    // Oldest first, one entry per day, for binary search.
    private readonly RunDay[] _days;

    public DayNavigation(IEnumerable<RunDay> days)
    {
        _days = days.GroupBy(d => d.Day).Select(g => g.First()).OrderBy(d => d.Day).ToArray();
    }

    /// <summary>Every day with runs, newest first (as the run query answers them).</summary>
    public IReadOnlyList<RunDay> Days => _days.Reverse().ToArray();

    public DateOnly? Latest => _days.Length == 0 ? null : _days[^1].Day;

    public DateOnly? Earliest => _days.Length == 0 ? null : _days[0].Day;

    public RunDay? Find(DateOnly day)
    {
        var index = IndexOf(day);
        return index >= 0 ? _days[index] : null;
    }

    public bool Has(DateOnly day) => IndexOf(day) >= 0;

    /// <summary>The latest day with runs strictly before <paramref name="day"/>; null when there is none.</summary>
    public DateOnly? Previous(DateOnly day)
    {
        var index = IndexOf(day);
        // Not found: ~index is the first day after it, so the one before that is the previous.
        var before = (index >= 0 ? index : ~index) - 1;
        return before >= 0 ? _days[before].Day : null;
    }

    /// <summary>The earliest day with runs strictly after <paramref name="day"/>; null when there is none.</summary>
    public DateOnly? Next(DateOnly day)
    {
        var index = IndexOf(day);
        var after = index >= 0 ? index + 1 : ~index;
        return after < _days.Length ? _days[after].Day : null;
    }

    private int IndexOf(DateOnly day) =>
        Array.BinarySearch(_days, new RunDay(day, 0, 0), Comparer<RunDay>.Create((a, b) => a.Day.CompareTo(b.Day)));
}
