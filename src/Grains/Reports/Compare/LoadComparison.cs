using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// One load point of the comparison: its point on each side (null where that side never ran it) and a change row for
/// every metric either side has. Rows no side has are left out, so a summary-only comparison is a short table of
/// medians, not a long one of dashes.
/// </summary>
public sealed record LoadComparison(LoadKind LoadKind, double Load, ComparedPoint? A, ComparedPoint? B, IReadOnlyList<MetricChange> Changes)
{
    public string Title => ReportText.Load(LoadKind, Load);

    /// <summary>Where each side's numbers at this load came from: "A: client-log · B: best of 3 repetitions (rep 2), client-log".</summary>
    public string Provenance => $"A: {A?.Provenance ?? "not run"} · B: {B?.Provenance ?? "not run"}";

    /// <summary>How many metrics got better, worse or stayed in the neutral band (for the table's caption).</summary>
    public int Count(ChangeVerdict verdict) => Changes.Count(c => c.Verdict == verdict);

    /// <summary>
    /// The union of both sides' load points, ordered by load kind and load: a load point only one side ran still gets a
    /// table, its other column all "—".
    /// </summary>
    public static IReadOnlyList<LoadComparison> Union(IReadOnlyList<ComparedPoint> a, IReadOnlyList<ComparedPoint> b) => a
        .Select(p => (p.LoadKind, p.Load))
        .Concat(b.Select(p => (p.LoadKind, p.Load)))
        .Distinct()
        .OrderBy(k => k.LoadKind).ThenBy(k => k.Load)
        .Select(k =>
        {
            var left = a.FirstOrDefault(p => p.LoadKind == k.LoadKind && p.Load == k.Load);
            var right = b.FirstOrDefault(p => p.LoadKind == k.LoadKind && p.Load == k.Load);
            var changes = CompareMetric.All
                .Select(m => new MetricChange(m, left?.Value(m), right?.Value(m)))
                .Where(c => c.A is not null || c.B is not null)
                .ToList();
            return new LoadComparison(k.LoadKind, k.Load, left, right, changes);
        })
        .ToList();
}
