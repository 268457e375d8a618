namespace SglangCi.Interfaces.Runs;

/// <summary>
/// One bench_one_batch case of an offline run. Latencies in seconds, throughputs in tokens/s; a case that
/// printed no numbers (out of memory, skipped for the max batch size) keeps null values (the old CSV's NA).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OfflineResult(
    [property: Id(0)] int BatchSize,
    [property: Id(1)] int InputLen,
    [property: Id(2)] int OutputLen,
    [property: Id(3)] double? PrefillLatencyS,
    [property: Id(4)] double? PrefillThroughput,
    [property: Id(5)] double? DecodeMedianLatencyS,
    [property: Id(6)] double? DecodeMedianThroughput,
    [property: Id(7)] double? TotalLatencyS,
    [property: Id(8)] double? TotalThroughput)
{
    /// <summary>True when the case produced at least one number.</summary>
    public bool HasNumbers =>
        PrefillLatencyS is not null || PrefillThroughput is not null || DecodeMedianLatencyS is not null
        || DecodeMedianThroughput is not null || TotalLatencyS is not null || TotalThroughput is not null;

    public static OfflineResult Empty(int batchSize, int inputLen, int outputLen) =>
        new(batchSize, inputLen, outputLen, null, null, null, null, null, null);
}
