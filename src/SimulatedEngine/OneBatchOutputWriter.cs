using System.Globalization;
using System.Text;

namespace SglangCi.SimulatedEngine;

/// <summary>
/// A <c>python3 -m sglang.bench_one_batch</c> command line as the simulator understands it: the model and the
/// Cartesian sweep of batch sizes × input lengths × output lengths (other flags are accepted and ignored).
/// </summary>
public sealed record OneBatchCommand(string ModelPath, IReadOnlyList<int> BatchSizes, IReadOnlyList<int> InputLens, IReadOnlyList<int> OutputLens, int Tp)
{
    /// <summary>The cases in bench_one_batch's order: batch size outermost, then input length, then output length.</summary>
    public IEnumerable<(int BatchSize, int InputLen, int OutputLen)> Cases =>
        from bs in BatchSizes from il in InputLens from ol in OutputLens select (bs, il, ol);

    /// <summary>
    /// Reads <c>python3 -m sglang.bench_one_batch --model-path M --batch-size B... --input-len I... --output-len O... [--tp N]</c>
    /// (also <c>python</c>, <c>--model</c>, <c>--flag=value</c>); null when the command is not bench_one_batch; a malformed
    /// value is an <see cref="ArgumentException"/> naming the flag. Defaults as bench_one_batch: batch 1, input 1024, output 16.
    /// </summary>
    public static OneBatchCommand? TryParse(IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count < 3 || Path.GetFileName(command[0]) is not ("python" or "python3") || command[1] != "-m" || command[2] != "sglang.bench_one_batch")
        {
            return null;
        }

        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var token in command.Skip(3))
        {
            if (token.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = token.IndexOf('=', StringComparison.Ordinal);
                var name = (eq > 0 ? token[2..eq] : token[2..]).Replace('_', '-');
                values[name] = current = [];
                if (eq > 0)
                {
                    current.Add(token[(eq + 1)..]);
                }
            }
            else
            {
                current?.Add(token);
            }
        }

        var model = First("model-path") ?? First("model") ?? throw new ArgumentException("bench_one_batch needs --model-path");
        return new OneBatchCommand(
            model,
            Ints("batch-size") ?? [1],
            Ints("input-len") ?? [1024],
            Ints("output-len") ?? [16],
            Ints("tp-size")?.FirstOrDefault() ?? Ints("tp")?.FirstOrDefault() ?? 1);

        string? First(string name) => values.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

        int[]? Ints(string name)
        {
            if (!values.TryGetValue(name, out var raw))
            {
                return null;
            }

            var parsed = raw.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            if (parsed.Length == 0 || !parsed.All(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1))
            {
                throw new ArgumentException($"bench_one_batch --{name} needs whole numbers of at least 1 (got '{string.Join(' ', raw)}')");
            }

            return parsed.Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        }
    }
}

/// <summary>What one simulated bench_one_batch case measures, from <see cref="LatencyModel"/>; latencies in seconds.</summary>
public sealed record OneBatchCaseNumbers(
    int BatchSize,
    int InputLen,
    int OutputLen,
    double PrefillLatencyS,
    double PrefillThroughput,
    double DecodeLatencyS,
    double DecodeThroughput,
    double TotalLatencyS,
    double TotalThroughput)
{
    /// <summary>Prefill = one prefill step over B × I tokens; each of the O − 1 decode steps runs at batch B; throughputs as bench_one_batch computes them.</summary>
    public static OneBatchCaseNumbers For(SimulatedEngineOptions options, int batchSize, int inputLen, int outputLen)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefill = LatencyModel.PrefillStepMs(options, (long)batchSize * inputLen) / 1000;
        var decode = LatencyModel.ExpectedDecodeStepMs(options, batchSize) / 1000;
        var total = prefill + (decode * Math.Max(0, outputLen - 1));
        return new OneBatchCaseNumbers(
            batchSize,
            inputLen,
            outputLen,
            prefill,
            Rate((double)batchSize * inputLen, prefill),
            decode,
            Rate(batchSize, decode),
            total,
            Rate((double)batchSize * (inputLen + outputLen), total));
    }

    private static double Rate(double tokens, double seconds) => seconds > 0 ? tokens / seconds : 0;
}

/// <summary>
/// Prints what <c>python -m sglang.bench_one_batch</c> prints (the 2025–2026 layout that
/// <c>SglangCi.Toolkit.Parsing.OneBatch.OneBatchParser</c> reads): a warm-up case, then <c>Benchmark ...</c> and one
/// block per case with the numbers of <see cref="OneBatchCaseNumbers"/>; a batch larger than the simulator's
/// <see cref="SimulatedEngineOptions.MaxRunningRequests"/> prints bench_one_batch's "skipping" line instead, and a
/// case longer than the context length is skipped the same way. Deterministic: same options, same text.
/// </summary>
public static class OneBatchOutputWriter
{
    /// <summary>Decode steps printed per case (bench_one_batch prints the first five).</summary>
    public const int PrintedDecodeSteps = 5;

    public static string Write(SimulatedEngineOptions options, OneBatchCommand command)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(command);
        var text = new StringBuilder();
        var maxTokens = (long)options.MaxRunningRequests * options.ContextLength;
        Line(text, string.Create(CultureInfo.InvariantCulture, $"max_total_num_tokens={maxTokens.ToString(CultureInfo.InvariantCulture)}"));
        var cases = command.Cases.ToArray();
        if (cases.Length > 0)
        {
            Line(text, "Warmup ...");
            var (bs, il, ol) = cases[0];
            WriteCase(text, options, bs, il, Math.Min(ol, 16));
        }

        Line(text, "Benchmark ...");
        foreach (var (bs, il, ol) in cases)
        {
            WriteCase(text, options, bs, il, ol);
        }

        return text.ToString();
    }

    /// <summary>True when the simulator runs the case (it fits the max batch and the context length).</summary>
    public static bool Fits(SimulatedEngineOptions options, int batchSize, int inputLen, int outputLen)
    {
        ArgumentNullException.ThrowIfNull(options);
        return batchSize <= options.MaxRunningRequests && (long)inputLen + outputLen <= options.ContextLength;
    }

    private static void WriteCase(StringBuilder text, SimulatedEngineOptions options, int bs, int il, int ol)
    {
        if (!Fits(options, bs, il, ol))
        {
            Line(text, string.Create(CultureInfo.InvariantCulture, $"skipping ({bs}, {il}, {ol}) due to max batch size limit"));
            return;
        }

        var n = OneBatchCaseNumbers.For(options, bs, il, ol);
        Line(text, string.Create(CultureInfo.InvariantCulture, $"Prefill. latency: {n.PrefillLatencyS,6:F5} s, throughput: {n.PrefillThroughput,9:F2} token/s"));
        for (var i = 0; i < Math.Min(PrintedDecodeSteps, ol - 1); i++)
        {
            Line(text, string.Create(CultureInfo.InvariantCulture, $"Decode {i}. Batch size: {bs}, latency: {n.DecodeLatencyS,6:F5} s, throughput: {n.DecodeThroughput,9:F2} token/s"));
        }

        if (ol > 1)
        {
            Line(text, string.Create(CultureInfo.InvariantCulture, $"Decode.  median latency: {n.DecodeLatencyS,6:F5} s, median throughput: {n.DecodeThroughput,9:F2} token/s"));
        }

        Line(text, string.Create(CultureInfo.InvariantCulture, $"Total. latency: {n.TotalLatencyS,6:F3} s, throughput: {n.TotalThroughput,9:F2} token/s"));
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
