using SglangCi.Interfaces.Upstream;

namespace SglangCi.Web.ViewModels.Upstream;

/// <summary>
/// The Upstream CI page: one coverage report (the asked date, else the latest) with its totals, doughnut, category bars
/// and gap list, and the whole history for the trend charts and the report list. Percentages are shown as the reports
/// state them, over 100 % included (AMD's nightly counts more models than NVIDIA's).
/// </summary>
public sealed record UpstreamCiViewModel(IReadOnlyList<CoverageReportTotals> History, CoverageReportRecord? Report)
{
    /// <summary>The short trend's span, counted back from the newest report (not from today: the history may have stopped).</summary>
    public const int RecentDays = 30;

    /// <summary>The summary heading of the reports: its rows total the others, so the bars leave them out.</summary>
    public const string SummarySection = "CI Category Summary";

    private const string PerPrPrefix = "unit-test-backend-";

    public bool IsLatest => Report is not null && History.Count > 0 && Report.ReportDate == History[^1].ReportDate;

    /// <summary>
    /// NVIDIA's tests split into those AMD also runs and those only NVIDIA runs: from the gap list when the report has one
    /// (an AMD-only test covers nothing of NVIDIA's), else estimated from the totals (the old reports kept no file lists);
    /// empty when the report had no total row.
    /// </summary>
    public IReadOnlyList<CoverageSlice> Doughnut => Report switch
    {
        { HasGapList: true, NvidiaTotal: { } nvidia } => [new CoverageSlice("Covered on AMD", Math.Max(0, nvidia - Report.Gaps.Count)), new CoverageSlice("NVIDIA only", Report.Gaps.Count)],
        { AmdTotal: { } amd, NvidiaTotal: { } nvidia } => [new CoverageSlice("Covered on AMD (from totals)", Math.Min(amd, nvidia)), new CoverageSlice("NVIDIA only (from totals)", Math.Max(0, nvidia - amd))],
        _ => [],
    };

    /// <summary>The category rows the bars show: every row but the summary's.</summary>
    public IReadOnlyList<CoverageCategoryCount> BarCategories =>
        Report?.Categories.Where(c => c.Section != SummarySection).ToList() ?? [];

    public IReadOnlyList<CategoryCount> AmdBars => BarCategories.Select(c => new CategoryCount(BarLabel(c.Category), c.AmdTests)).ToList();

    public IReadOnlyList<CategoryCount> NvidiaBars => BarCategories.Select(c => new CategoryCount(BarLabel(c.Category), c.NvidiaTests)).ToList();

    /// <summary>A bar's axis label: the per-PR rows' long common prefix shortened (<c>unit-test-backend-1-gpu</c> →
    /// <c>per-PR 1-gpu</c>) so labels fit under the bars; the tables keep the full names.</summary>
    public static string BarLabel(string category) =>
        category.StartsWith(PerPrPrefix, StringComparison.Ordinal) ? "per-PR " + category[PerPrPrefix.Length..] : category;

    public IReadOnlyList<GapGroup> GapGroups => Report is null ? [] : GapGroup.Of(Report.Gaps);

    /// <summary>Every report with a total percentage, oldest first.</summary>
    public IReadOnlyList<CoveragePercentPoint> AllTime => History
        .Where(h => h.CoveragePercent is not null)
        .Select(h => new CoveragePercentPoint(h.ReportDate.ToDateTime(TimeOnly.MinValue), h.CoveragePercent!.Value, h.Origin))
        .ToList();

    /// <summary>The reports of the <see cref="RecentDays"/> days up to the newest one.</summary>
    public IReadOnlyList<CoveragePercentPoint> Recent => AllTime.Count == 0
        ? []
        : AllTime.Where(p => p.Date > AllTime[^1].Date.AddDays(-RecentDays)).ToList();

    public DateOnly? Previous => Report is null ? null : History.LastOrDefault(h => h.ReportDate < Report.ReportDate)?.ReportDate;

    public DateOnly? Next => Report is null ? null : History.FirstOrDefault(h => h.ReportDate > Report.ReportDate)?.ReportDate;

    public static async Task<UpstreamCiViewModel> LoadAsync(IGrainFactory grains, DateOnly? requested)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var coverage = grains.GetGrain<IUpstreamCoverageGrain>(0);
        var history = await coverage.GetHistoryAsync();
        var report = await coverage.GetReportAsync(requested);
        return new UpstreamCiViewModel(history, report);
    }

    /// <summary>A coverage percentage as the report states it ("57 %", "127 %"), or a dash.</summary>
    public static string Percent(double? percent) => percent is { } p ? Formats.Number(p, "0.#") + " %" : Formats.None;

    public static string Origin(CoverageOrigin origin) => origin == CoverageOrigin.Computed ? "computed" : "imported";

    /// <summary>Seconds as a short duration ("4m 05s"), or a dash when unknown.</summary>
    public static string Estimate(double? seconds) => seconds is { } s ? Formats.Duration(TimeSpan.FromSeconds(s)) : Formats.None;
}
