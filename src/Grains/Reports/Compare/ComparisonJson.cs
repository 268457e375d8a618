using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// A comparison as JSON for scripts: camelCase, numbers as numbers, a missing value as <c>null</c> (never 0), every
/// verdict as the word the other formats colour (<c>better</c>, <c>worse</c>, <c>neutral</c>, <c>missing</c>).
/// </summary>
public static class ComparisonJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // Written to a terminal or a file, never into HTML: keep names and texts as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(Comparison comparison) => Of(comparison).ToJsonString(Options);

    public static JsonObject Of(Comparison comparison) => new()
    {
        ["kind"] = comparison.Kind.ToString().ToLowerInvariant(),
        ["headline"] = comparison.Headline,
        ["problem"] = comparison.Problem,
        ["neutralBand"] = MetricChange.NeutralBand,
        ["a"] = comparison.A is { } a ? Side(a) : null,
        ["b"] = comparison.B is { } b ? Side(b) : null,
        ["gate"] = comparison.Gate is { Any: true } gate ? Gate(gate) : null,
        ["loads"] = new JsonArray([.. comparison.Loads.Select(Load)]),
    };

    private static JsonObject Side(CompareSide side) => new()
    {
        ["runId"] = side.Run?.Id,
        ["runIds"] = new JsonArray([.. side.RunIds.Select(id => JsonValue.Create(id))]),
        ["model"] = side.Model,
        ["mode"] = side.Mode,
        ["hardware"] = side.Hardware,
        ["node"] = side.Run?.Node,
        ["host"] = side.Host,
        ["image"] = side.Image,
        ["imageDate"] = side.ImageDate is { } date ? ReportText.Date(date) : null,
        ["startedAt"] = side.Run?.StartedAt,
        ["origins"] = new JsonArray([.. side.Origins.Select(o => JsonValue.Create(o))]),
        ["autoChosen"] = side.AutoChosen,
    };

    private static JsonObject Gate(GateComparison gate) => new()
    {
        ["a"] = GateSide(gate.A),
        ["b"] = GateSide(gate.B),
        ["deltaPoints"] = gate.DeltaPoints,
        ["verdict"] = VerdictText.Key(gate.Change.Verdict),
        ["pValue"] = gate.Significance?.PValue,
        ["significant"] = gate.Significance?.Significant,
        ["significance"] = gate.SignificanceText,
    };

    private static JsonObject? GateSide(Gsm8kGateResult? gate) => gate is null ? null : new JsonObject
    {
        ["accuracy"] = gate.Accuracy is { } accuracy && double.IsFinite(accuracy) ? accuracy : null,
        ["threshold"] = gate.Threshold,
        ["passed"] = gate.Passed,
        ["rule"] = gate.Rule,
        ["trials"] = gate.Trials.Count,
    };

    private static JsonObject Load(LoadComparison load) => new()
    {
        ["loadKind"] = load.LoadKind.ToString().ToLowerInvariant(),
        ["load"] = load.Load,
        ["title"] = load.Title,
        ["a"] = load.A?.Provenance,
        ["b"] = load.B?.Provenance,
        ["metrics"] = new JsonArray([.. load.Changes.Select(Change)]),
    };

    private static JsonObject Change(MetricChange change) => new()
    {
        ["key"] = change.Metric.Key,
        ["name"] = change.Metric.Name,
        ["unit"] = change.Metric.Unit,
        ["direction"] = change.Metric.Direction == MetricDirection.HigherIsBetter ? "higher" : "lower",
        ["a"] = change.A,
        ["b"] = change.B,
        ["change"] = change.Absolute,
        ["changePercent"] = change.Relative * 100,
        ["verdict"] = VerdictText.Key(change.Verdict),
    };
}
