namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// A row of the old report's "Additional Test Categories" section: a count taken from CI configuration rather than
/// from the suite registries — test commands or job presence in the PR workflows, nightly model lists. These rows are
/// counts only (no file lists, no estimates), named exactly as the old reports name them so history stays continuous.
/// </summary>
/// <param name="Name">The old report's row name (<c>performance-test-1-gpu</c>, <c>nightly-models-test</c>, …).</param>
/// <param name="Nightly">Counted into "Nightly/Periodic CI" (only <c>nightly-models-test</c>) rather than "Per-PR CI".</param>
/// <param name="Basis">What was counted on each side, for a reader checking a number.</param>
public sealed record AdditionalCategory(string Name, bool Nightly, int NvidiaTests, int AmdTests, string Basis)
{
    public int? CoveragePercent => Coverage.CoveragePercent.Of(AmdTests, NvidiaTests);
}
