using SglangCi.Interfaces.Hardware;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels.Hardware;

/// <summary>
/// The hardware page: one hardware kind's night (image date), its four sections, and the days that hardware has data
/// on for the day picker. The day is the one asked for, else the latest day with data for this hardware.
/// </summary>
public sealed record HardwarePageViewModel(
    string Hardware,
    DateOnly? Day,
    DateOnly Today,
    DayNavigation Navigation,
    HardwareDaySummary? Summary,
    IReadOnlyList<HardwareSection> Sections,
    IReadOnlyList<string> KnownHardware,
    TaskHistory History)
{
    /// <summary>How many nights (with data, up to the shown one) each task's history strip covers.</summary>
    public const int HistoryNights = 14;

    /// <summary>True when this hardware has no data on any day (a typo in the URL, or nothing imported yet).</summary>
    public bool IsUnknown => Navigation.Latest is null;

    public int TaskCount => Sections.Sum(s => s.Rows.Count);

    /// <summary>The images the night's tasks ran on (normally one; two when a run fell back to another build).</summary>
    public IReadOnlyList<string> Images => Sections.SelectMany(s => s.Rows).Select(r => r.Image)
        .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static async Task<HardwarePageViewModel> LoadAsync(IGrainFactory grains, string hardware, DateOnly today, DateOnly? requested)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var query = grains.GetGrain<IHardwareQueryGrain>(0);
        var all = await query.Days(null, null, null);
        var known = all.Select(d => d.Hardware).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var days = all.Where(d => string.Equals(d.Hardware, hardware, StringComparison.Ordinal)).ToList();
        // The picker marks days with runs in red when some failed; a day with only checks is still a day to visit.
        var navigation = new DayNavigation(days.Select(d => new RunDay(d.Day, d.Runs, d.Failed)));
        var day = requested ?? navigation.Latest;
        if (day is not { } chosen)
        {
            return new HardwarePageViewModel(hardware, null, today, navigation, null, [], known, TaskHistory.From(hardware, []));
        }

        var night = await query.Night(hardware, chosen);
        var history = await TaskHistory.LoadAsync(query, hardware, days.Select(d => d.Day).Where(d => d <= chosen), HistoryNights);
        return new HardwarePageViewModel(
            hardware, chosen, today, navigation, days.FirstOrDefault(d => d.Day == chosen), HardwareSection.Of(night), known, history);
    }
}
