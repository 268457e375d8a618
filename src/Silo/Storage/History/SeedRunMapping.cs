using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.History;
using SglangCi.Toolkit.History.Records;
using SglangCi.Toolkit.Parsing.BenchServing;
using InterfaceStats = SglangCi.Interfaces.Runs.LatencyStats;
using ParsedStats = SglangCi.Toolkit.Parsing.BenchServing.LatencyStats;

namespace SglangCi.Silo.Storage.History;

/// <summary>
/// Maps the old CI's records onto our own results contracts, so imported runs, points and gates are stored in the
/// same rows as ours and every view reads them alike. The old model folders map to our catalog's presets where the
/// meaning is clear; another model keeps its own name as preset.
/// </summary>
internal static class SeedRunMapping
{
    public const string Trigger = "import";
    public const string Source = "seed-logs";

    private static readonly Dictionary<string, string> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GROK1"] = "grok1-int4",
        ["GROK2"] = "grok2-fp8",
        ["DeepSeek-V3-0324"] = "deepseek-v3-0324-fp8",
        ["DeepSeek-R1-MXFP4-Preview"] = "deepseek-r1-mxfp4",
    };

    public static string PresetOf(string model) => Presets.TryGetValue(model, out var preset) ? preset : model.ToLowerInvariant();

    public static RunSummary Run(HistoryRun run) => new(
        Id: run.Id,
        Preset: PresetOf(run.Model),
        PresetVersion: 0,
        Model: run.Model,
        Node: run.Host,
        Host: run.Host,
        Hardware: run.Hardware,
        Mode: run.Mode,
        Image: run.Image.Image,
        ImageDate: run.Image.Date,
        Status: run.Status == HistoryRun.Failed ? RunStatus.Failed : RunStatus.Succeeded,
        Reason: SecretRedactor.Redact(run.Reason),
        StartedAt: run.InvokedAt,
        FinishedAt: run.FinishedAt,
        Phase: RunPhase.Done,
        Trigger: Trigger);

    /// <summary>The point, or the name of the first value the result block lacks (the point cannot be stored).</summary>
    public static (BenchmarkPointResult? Point, string? Missing) Point(HistoryClientPoint point)
    {
        var r = point.Result;
        string? missing = r.Successful is null ? "Successful requests"
            : r.DurationS is null ? "Benchmark duration (s)"
            : r.RequestThroughput is null ? "Request throughput (req/s)"
            : r.OutputTokenThroughput is null ? "Output token throughput (tok/s)"
            : null;
        if (missing is not null)
        {
            return (null, missing);
        }

        var completed = (int)r.Successful!.Value;

        // The old bench_serving printed no failure count; it sent exactly num_prompts requests.
        var failed = r.Failed ?? (point.PromptCount is { } prompts && prompts >= completed ? prompts - completed : 0);
        var kind = point.LoadKind == "rate" ? LoadKind.Rate : LoadKind.Concurrency;
        var input = r.InputTokenThroughput ?? 0;
        return (new BenchmarkPointResult(kind, point.Load, point.Repetition, completed, (int)failed, r.DurationS!.Value,
            r.RequestThroughput!.Value, input, r.OutputTokenThroughput!.Value, r.TotalTokenThroughput ?? input + r.OutputTokenThroughput.Value,
            r.Concurrency, Stats(r.TtftMs), Stats(r.ItlMs), Stats(r.TpotMs), Stats(r.E2eMs)), null);
    }

    /// <summary>A gate with a verdict; a gate without one (no threshold printed) has no gate row, only trials.</summary>
    public static Gsm8kGateResult Gate(HistoryGate gate, double threshold)
    {
        var invalid = gate.Trials.Where(t => t.Invalid is not null).Select(t => t.Invalid!.Value).ToList();
        return new Gsm8kGateResult(threshold, gate.Accuracy, invalid.Count > 0 ? invalid.Average() : null, gate.Outcome == HistoryGate.Passed, gate.Rule, []);
    }

    private static InterfaceStats Stats(ParsedStats s) => new(s.Mean, s.Median, s.P90, s.P95, s.P99, s.Std, s.Max);
}
