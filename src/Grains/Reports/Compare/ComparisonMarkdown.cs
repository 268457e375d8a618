using System.Text;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// A comparison as Markdown (a PR comment, a chat message, a file in CI artifacts): the two sides' headers, the GSM8K
/// gate with its significance, and a table per load point with every metric's A, B, change and verdict marker.
/// </summary>
/// <remarks>Markdown has no cell colours, so the verdict is a coloured marker in its own column.</remarks>
public static class ComparisonMarkdown
{
    public static string Render(Comparison comparison)
    {
        var md = new StringBuilder();
        if (comparison is not { A: { } a, B: { } b })
        {
            md.Append("# Comparison\n\n").Append(MarkdownText.Escape(comparison.Problem ?? "Nothing to compare.")).Append('\n');
            return md.ToString();
        }

        md.Append("# Comparison: ").Append(MarkdownText.Escape(comparison.Headline!)).Append("\n\n");
        md.Append("Changes read **A against B**: Δ = A − B, Δ % relative to B. ")
            .Append(VerdictText.Marker(ChangeVerdict.Better)).Append(" better · ")
            .Append(VerdictText.Marker(ChangeVerdict.Worse)).Append(" worse · ")
            .Append(VerdictText.Marker(ChangeVerdict.Neutral)).Append(" within ±").Append(MetricChange.NeutralBandText).Append(" · ")
            .Append(ReportText.None).Append(" not recorded. Latency: lower is better; throughput and completed requests: higher is better.\n\n");

        md.Append("| | A (judged) | B (baseline) |\n|---|---|---|\n");
        foreach (var fact in SideFact.Of(a, b))
        {
            Row(md, fact.Label, fact.A, fact.B);
        }

        if (comparison.Kind == CompareKind.Runs)
        {
            AppendGate(md, comparison.Gate);
        }

        md.Append("\n## Benchmark\n");
        if (comparison.Loads.Count == 0)
        {
            md.Append("\nNeither side has benchmark points.\n");
        }

        foreach (var load in comparison.Loads)
        {
            AppendLoad(md, load);
        }

        return md.ToString();
    }

    private static void AppendGate(StringBuilder md, GateComparison? gate)
    {
        md.Append("\n## GSM8K gate\n\n");
        if (gate is not { Any: true })
        {
            md.Append("Neither run has a GSM8K gate.\n");
            return;
        }

        md.Append("| | A | B | Δ A vs B | |\n|---|---:|---:|---:|:---:|\n");
        foreach (var fact in GateFact.Of(gate))
        {
            Row(md, fact.Label, fact.A, fact.B,
                fact.Change is null ? "" : gate.DeltaText,
                fact.Change is { } change ? VerdictText.Marker(change.Verdict) : "");
        }

        md.Append("\nSignificance (two-proportion z-test over every trial's answers): ").Append(gate.SignificanceText).Append('\n');
    }

    private static void AppendLoad(StringBuilder md, LoadComparison load)
    {
        md.Append("\n### ").Append(load.Title).Append(" — ")
            .Append(load.Count(ChangeVerdict.Better)).Append(" better, ")
            .Append(load.Count(ChangeVerdict.Worse)).Append(" worse, ")
            .Append(load.Count(ChangeVerdict.Neutral)).Append(" within ±").Append(MetricChange.NeutralBandText).Append("\n\n");
        md.Append(MarkdownText.Escape(load.Provenance)).Append("\n\n");
        md.Append("| metric | A | B | Δ A − B | Δ % | |\n|---|---:|---:|---:|---:|:---:|\n");
        foreach (var change in load.Changes)
        {
            Row(md, change.Metric.Name, ReportText.Number(change.A, change.Metric.Format), ReportText.Number(change.B, change.Metric.Format),
                change.AbsoluteText, change.RelativeText, VerdictText.Marker(change.Verdict));
        }
    }

    private static void Row(StringBuilder md, params string[] cells)
    {
        md.Append('|');
        foreach (var cell in cells)
        {
            md.Append(' ').Append(MarkdownText.Escape(cell)).Append(" |");
        }

        md.Append('\n');
    }
}
