namespace SglangCi.Interfaces.Runs;

/// <summary>Everything recorded about one run: phases, the GSM8K gate, every benchmark point and, for an offline run,
/// every bench_one_batch case.</summary>
[GenerateSerializer, Immutable]
public sealed record RunDetails(
    [property: Id(0)] RunSummary Run,
    [property: Id(1)] IReadOnlyList<PhaseRecord> Phases,
    [property: Id(2)] Gsm8kGateResult? Gsm8k,
    [property: Id(3)] IReadOnlyList<BenchmarkPointResult> Points)
{
    /// <summary>The bench_one_batch cases of an offline run; empty for an online run.</summary>
    [Id(4)]
    public IReadOnlyList<OfflineResult> Offline { get; init; } = [];

    /// <summary>For an imported run: the medians its old summaries (CSV, timing summary, cron log) recorded.</summary>
    [Id(5)]
    public IReadOnlyList<SummaryPoint> SummaryPoints { get; init; } = [];

    [Id(6)]
    public RunProvenance Provenance { get; init; } = RunProvenance.Ours;

    /// <summary>The run's checks (unit test, PD steps, downloads, images, housekeeping actions), in the order they ran.</summary>
    [Id(7)]
    public IReadOnlyList<RunCheckResult> Checks { get; init; } = [];
}
