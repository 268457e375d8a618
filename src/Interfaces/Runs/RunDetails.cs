namespace SglangCi.Interfaces.Runs;

/// <summary>Everything recorded about one run: phases, the GSM8K gate and every benchmark point.</summary>
[GenerateSerializer, Immutable]
public sealed record RunDetails(
    [property: Id(0)] RunSummary Run,
    [property: Id(1)] IReadOnlyList<PhaseRecord> Phases,
    [property: Id(2)] Gsm8kGateResult? Gsm8k,
    [property: Id(3)] IReadOnlyList<BenchmarkPointResult> Points);
