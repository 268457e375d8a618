using System.Net;
using System.Text;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// A comparison as one standalone HTML page (a CI artifact, an e-mail attachment): no scripts, no external files, the
/// CSS inline, change cells coloured red, green or grey like the dashboard's (same <c>delta-*</c> classes), and
/// every value HTML-encoded — model and image names come from logs and must not become markup.
/// </summary>
public static class ComparisonHtml
{
    private const string Style = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 2rem; }
        h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; } h3 { font-size: 1rem; margin: 1.5rem 0 .25rem; }
        table { border-collapse: collapse; margin: .5rem 0; }
        th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left; }
        th { background: #f6f8fa; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .muted { color: #656d76; }
        .delta-better { color: #116329; background: #dafbe1; font-weight: 600; }
        .delta-worse { color: #a40e26; background: #ffebe9; font-weight: 600; }
        .delta-neutral { color: #57606a; background: #eaeef2; }
        .delta-missing { color: #8c959f; }
        """;

    public static string Render(Comparison comparison)
    {
        var html = new StringBuilder();
        var title = comparison.Headline ?? "Nothing to compare";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Compare — ")
            .Append(Encode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>Compare: ").Append(Encode(title)).Append("</h1>\n");
        if (comparison is { A: { } a, B: { } b })
        {
            AppendBody(html, comparison, a, b);
        }
        else
        {
            html.Append("<p>").Append(Encode(comparison.Problem ?? "Nothing to compare.")).Append("</p>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendBody(StringBuilder html, Comparison comparison, CompareSide a, CompareSide b)
    {
        html.Append("<p class=\"muted\">Changes read <strong>A against B</strong>: Δ = A − B, Δ % relative to B. ")
            .Append(Tag(ChangeVerdict.Better)).Append(' ').Append(Tag(ChangeVerdict.Worse)).Append(' ')
            .Append("<span class=\"delta-neutral\">within ±").Append(Encode(MetricChange.NeutralBandText)).Append("</span> ")
            .Append("Latency: lower is better; throughput and completed requests: higher is better. ")
            .Append(Encode(ReportText.None)).Append(": not recorded.</p>\n");

        html.Append("<table class=\"sides\">\n<tr><th></th><th>A (judged)</th><th>B (baseline)</th></tr>\n");
        foreach (var fact in SideFact.Of(a, b))
        {
            html.Append("<tr><th>").Append(Encode(fact.Label)).Append("</th><td>").Append(Encode(fact.A))
                .Append("</td><td>").Append(Encode(fact.B)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        if (comparison.Kind == CompareKind.Runs)
        {
            AppendGate(html, comparison.Gate);
        }

        html.Append("<h2>Benchmark</h2>\n");
        if (comparison.Loads.Count == 0)
        {
            html.Append("<p class=\"muted\">Neither side has benchmark points.</p>\n");
        }

        foreach (var load in comparison.Loads)
        {
            AppendLoad(html, load);
        }
    }

    private static void AppendGate(StringBuilder html, GateComparison? gate)
    {
        html.Append("<h2>GSM8K gate</h2>\n");
        if (gate is not { Any: true })
        {
            html.Append("<p class=\"muted\">Neither run has a GSM8K gate.</p>\n");
            return;
        }

        html.Append("<table class=\"gate\">\n<tr><th></th><th class=\"num\">A</th><th class=\"num\">B</th><th class=\"num\">Δ A vs B</th></tr>\n");
        foreach (var fact in GateFact.Of(gate))
        {
            html.Append("<tr><th>").Append(Encode(fact.Label)).Append("</th><td class=\"num\">").Append(Encode(fact.A))
                .Append("</td><td class=\"num\">").Append(Encode(fact.B)).Append("</td>");
            html.Append(fact.Change is { } change
                ? $"<td class=\"num {change.CssClass}\" title=\"{VerdictText.Word(change.Verdict)}\">{Encode(gate.DeltaText)}</td>"
                : "<td></td>");
            html.Append("</tr>\n");
        }

        html.Append("<tr><th>significance</th><td colspan=\"3\" class=\"num\" title=\"two-proportion z-test over every trial's answers\">")
            .Append(Encode(gate.SignificanceText)).Append("</td></tr>\n</table>\n");
    }

    private static void AppendLoad(StringBuilder html, LoadComparison load)
    {
        html.Append("<h3>").Append(Encode(load.Title)).Append("</h3>\n<p class=\"muted\">").Append(Encode(load.Provenance))
            .Append(" — ").Append(load.Count(ChangeVerdict.Better)).Append(" better, ").Append(load.Count(ChangeVerdict.Worse))
            .Append(" worse, ").Append(load.Count(ChangeVerdict.Neutral)).Append(" within noise</p>\n");
        html.Append("<table class=\"load\">\n<tr><th>metric</th><th class=\"num\">A</th><th class=\"num\">B</th><th class=\"num\">Δ A − B</th><th class=\"num\">Δ %</th></tr>\n");
        foreach (var change in load.Changes)
        {
            var cell = $"<td class=\"num {change.CssClass}\" title=\"{VerdictText.Word(change.Verdict)}\">";
            html.Append("<tr data-metric=\"").Append(Encode(change.Metric.Key)).Append("\" data-verdict=\"").Append(VerdictText.Key(change.Verdict))
                .Append("\"><th>").Append(Encode(change.Metric.Name)).Append("</th><td class=\"num\">")
                .Append(Encode(ReportText.Number(change.A, change.Metric.Format))).Append("</td><td class=\"num\">")
                .Append(Encode(ReportText.Number(change.B, change.Metric.Format))).Append("</td>")
                .Append(cell).Append(Encode(change.AbsoluteText)).Append("</td>")
                .Append(cell).Append(Encode(change.RelativeText)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string Tag(ChangeVerdict verdict) => $"<span class=\"{MetricChange.CssClassOf(verdict)}\">{VerdictText.Word(verdict)}</span>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
