using System.Globalization;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Parsing.OneBatch;

namespace SglangCi.Grains.Runs;

/// <summary>
/// The bench_one_batch command of one offline case and the stored result of its parsed output. bench_one_batch
/// takes the server's arguments (it builds the same model runner in-process), so the preset's launch flags for the
/// hardware (<c>--tp</c>, quantization, attention backend, ...) go on the command line too, then the case and the
/// plan's extra arguments. One command per case: a case that runs out of memory kills only its own process.
/// </summary>
public static class OfflineCommand
{
    public static IReadOnlyList<string> For(EngineLaunch launch, OfflinePlan plan, OfflineCase c)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(c);
        return
        [
            "python3", "-m", "sglang.bench_one_batch",
            "--model-path", launch.ModelPath,
            .. launch.ServerArgs,
            "--batch-size", Text(c.BatchSize),
            "--input-len", Text(c.InputLen),
            "--output-len", Text(c.OutputLen),
            .. plan.ExtraArgs ?? [],
        ];
    }

    /// <summary>The case's numbers; its batch size and lengths are the case's own (the command ran only that case).</summary>
    public static OfflineResult ToResult(OfflineCase c, OneBatchResult parsed)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(parsed);
        return new OfflineResult(
            c.BatchSize,
            c.InputLen,
            c.OutputLen,
            parsed.PrefillLatencyS,
            parsed.PrefillThroughput,
            parsed.DecodeMedianLatencyS,
            parsed.DecodeMedianThroughput,
            parsed.TotalLatencyS,
            parsed.TotalThroughput);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
