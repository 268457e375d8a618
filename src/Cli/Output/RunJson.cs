using System.Text.Json.Serialization;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Cli.Output;

// The JSON contract of a run, shared by `runs --json` (RunJson) and `show --json` (RunDetailsJson).
// Explicit DTOs rather than serializing the grain records: the wire shape must not change when a contract
// record gains a field, and absent values must read null rather than 0.
// Property orders leave gaps so the detail record can slot presetVersion right after preset.

public record RunJson(
    [property: JsonPropertyOrder(0)] string Id,
    [property: JsonPropertyOrder(10)] string Preset,
    [property: JsonPropertyOrder(30)] string Model,
    [property: JsonPropertyOrder(40)] string Node,
    [property: JsonPropertyOrder(50)] string Host,
    [property: JsonPropertyOrder(60)] string Hardware,
    [property: JsonPropertyOrder(70)] string Mode,
    [property: JsonPropertyOrder(80)] string? Image,
    [property: JsonPropertyOrder(90)] string? ImageDate,
    [property: JsonPropertyOrder(100)] string Status,
    [property: JsonPropertyOrder(110)] string? Reason,
    [property: JsonPropertyOrder(120)] string? StartedAt,
    [property: JsonPropertyOrder(130)] string? FinishedAt)
{
    /// <summary>The schedule job the run was fired for (<c>SCHEDULE/JOB</c>), so a night's status per job is one query; null for a run started by hand.</summary>
    [JsonPropertyOrder(75)]
    public string? JobKey { get; init; }

    public static RunJson From(RunSummary run) => new(
        run.Id,
        run.Preset,
        run.Model,
        run.Node,
        run.Host,
        run.Hardware,
        run.Mode.ToLowerInvariant(),
        run.Image,
        WireFormat.Date(run.ImageDate),
        WireFormat.Lower(run.Status),
        run.Reason,
        WireFormat.Time(run.StartedAt),
        WireFormat.Time(run.FinishedAt))
    {
        JobKey = run.JobKey,
    };
}

public sealed record RunDetailsJson : RunJson
{
    private RunDetailsJson(RunJson run)
        : base(run)
    {
    }

    [JsonPropertyOrder(20)]
    public required int PresetVersion { get; init; }

    [JsonPropertyOrder(200)]
    public required IReadOnlyList<PhaseJson> Phases { get; init; }

    [JsonPropertyOrder(210)]
    public required Gsm8kJson? Gsm8k { get; init; }

    [JsonPropertyOrder(220)]
    public required IReadOnlyList<PointJson> Points { get; init; }

    /// <summary>The bench_one_batch cases of an offline run; an empty array for an online run.</summary>
    [JsonPropertyOrder(230)]
    public required IReadOnlyList<OfflineJson> Offline { get; init; }

    /// <summary>The run's checks (sanity mean, unit test, PD steps, disks, images, …) in the order they ran; empty for a benchmark.</summary>
    [JsonPropertyOrder(240)]
    public required IReadOnlyList<CheckJson> Checks { get; init; }

    public static RunDetailsJson From(RunDetails details) => new(RunJson.From(details.Run))
    {
        PresetVersion = details.Run.PresetVersion,
        Phases = details.Phases.Select(PhaseJson.From).ToList(),
        Gsm8k = details.Gsm8k is null ? null : Gsm8kJson.From(details.Gsm8k),
        Points = details.Points.Select(PointJson.From).ToList(),
        Offline = (details.Offline ?? []).Select(OfflineJson.From).ToList(),
        Checks = details.Checks.Select(CheckJson.From).ToList(),
    };
}

/// <summary>One check of a run; <c>durationS</c> in seconds.</summary>
public sealed record CheckJson(string Name, string Status, double? Value, double? DurationS, string? Detail)
{
    public static CheckJson From(RunCheckResult check) => new(
        check.Name,
        WireFormat.Lower(check.Status),
        WireFormat.Number(check.Value),
        check.Duration is { } took ? Math.Round(took.TotalSeconds, 3) : null,
        check.Detail);
}

public sealed record PhaseJson(string Name, string? StartedAt, string? FinishedAt, string Status)
{
    public static PhaseJson From(PhaseRecord phase) => new(
        phase.Phase.ToWireName(),
        WireFormat.Time(phase.StartedAt),
        WireFormat.Time(phase.FinishedAt),
        WireFormat.Lower(phase.Status));
}

public sealed record Gsm8kJson(double? Threshold, double? Accuracy, double? Invalid, IReadOnlyList<Gsm8kTrialJson> Trials)
{
    public static Gsm8kJson From(Gsm8kGateResult gate) => new(
        WireFormat.Number(gate.Threshold),
        WireFormat.Number(gate.Accuracy),
        WireFormat.Number(gate.Invalid),
        gate.Trials.Select(t => new Gsm8kTrialJson(
            WireFormat.Number(t.Accuracy),
            WireFormat.Number(t.Invalid),
            WireFormat.Number(t.LatencySeconds))).ToList());
}

public sealed record Gsm8kTrialJson(double? Accuracy, double? Invalid, double? LatencyS);

public sealed record PointJson(
    string LoadKind,
    double? Load,
    int Repetition,
    int Completed,
    int Failed,
    double? DurationS,
    double? RequestThroughput,
    double? InputTokenThroughput,
    double? OutputTokenThroughput,
    LatencyJson TtftMs,
    LatencyJson ItlMs,
    LatencyJson TpotMs,
    LatencyJson E2eMs,
    double? Goodput,
    IReadOnlyList<FailureReasonJson> FailureReasons)
{
    public static PointJson From(BenchmarkPointResult point) => new(
        WireFormat.Lower(point.LoadKind),
        WireFormat.Number(point.Load),
        point.Repetition,
        point.Completed,
        point.Failed,
        WireFormat.Number(point.DurationSeconds),
        WireFormat.Number(point.RequestThroughput),
        WireFormat.Number(point.InputTokenThroughput),
        WireFormat.Number(point.OutputTokenThroughput),
        LatencyJson.From(point.Ttft),
        LatencyJson.From(point.Itl),
        LatencyJson.From(point.Tpot),
        LatencyJson.From(point.E2e),
        WireFormat.Number(point.Goodput),
        (point.FailureReasons ?? []).Select(r => new FailureReasonJson(r.Reason, r.Count)).ToList());
}

/// <summary>One distinct reason requests of a point failed, and how many failed with it.</summary>
public sealed record FailureReasonJson(string Reason, int Count);

public sealed record OfflineJson(
    int BatchSize,
    int InputLen,
    int OutputLen,
    double? PrefillLatencyS,
    double? PrefillThroughput,
    double? DecodeMedianLatencyS,
    double? DecodeMedianThroughput,
    double? TotalLatencyS,
    double? TotalThroughput)
{
    public static OfflineJson From(OfflineResult r) => new(
        r.BatchSize,
        r.InputLen,
        r.OutputLen,
        WireFormat.Number(r.PrefillLatencyS),
        WireFormat.Number(r.PrefillThroughput),
        WireFormat.Number(r.DecodeMedianLatencyS),
        WireFormat.Number(r.DecodeMedianThroughput),
        WireFormat.Number(r.TotalLatencyS),
        WireFormat.Number(r.TotalThroughput));
}

public sealed record LatencyJson(double? Mean, double? Median, double? P90, double? P95, double? P99, double? Std)
{
    /// <summary>A point without the metric (an older payload) reads as no sample: every statistic null.</summary>
    public static LatencyJson From(LatencyStats? stats)
    {
        stats ??= LatencyStats.Empty;
        return new LatencyJson(
            WireFormat.Number(stats.Mean),
            WireFormat.Number(stats.Median),
            WireFormat.Number(stats.P90),
            WireFormat.Number(stats.P95),
            WireFormat.Number(stats.P99),
            WireFormat.Number(stats.Std));
    }
}
