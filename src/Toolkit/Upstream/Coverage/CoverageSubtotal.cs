namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// A sum over categories, as the old summary rows: "Per-PR CI", "Nightly/Periodic CI" and "Total". A file in two
/// categories counts in both, as it did in the old reports. Additional (workflow / nightly-model) rows add their counts
/// and no estimate: they have none.
/// </summary>
public sealed record CoverageSubtotal(string Name, int NvidiaTests, int AmdTests, double NvidiaEstimatedSeconds, double AmdEstimatedSeconds)
{
    public const string PerPr = "Per-PR CI";
    public const string Nightly = "Nightly/Periodic CI";
    public const string Total = "Total";

    public int? CoveragePercent => Coverage.CoveragePercent.Of(AmdTests, NvidiaTests);

    public static CoverageSubtotal Sum(string name, IEnumerable<CoverageCategory> categories, IEnumerable<AdditionalCategory>? additional = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var list = categories.ToList();
        var extra = additional?.ToList() ?? [];
        return new CoverageSubtotal(
            name,
            list.Sum(c => c.NvidiaTests) + extra.Sum(a => a.NvidiaTests),
            list.Sum(c => c.AmdTests) + extra.Sum(a => a.AmdTests),
            list.Sum(c => c.NvidiaEstimatedSeconds),
            list.Sum(c => c.AmdEstimatedSeconds));
    }
}
