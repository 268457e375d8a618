using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.Parsing.OneBatch;

// What SGLang's offline latency tools print, era by era (read from sgl-project/sglang's python/sglang/bench_latency.py
// at commit 001733e9 (2024), python/sglang/bench_one_batch.py as of 2025–2026, and real outputs pasted in public issues
// and logs; no code copied):
//
// * bench_one_batch (2025–2026, "current"): "max_total_num_tokens=N", then "Warmup ..." and one warm-up case (output
//   length capped), then "Benchmark ..." and one case per (batch size, input len, output len) of the Cartesian product
//   of --batch-size × --input-len × --output-len, in that order. A case prints
//     "Prefill. latency: {:6.5f} s, throughput: {:9.2f} token/s"
//     "Decode {i}. Batch size: {bs}, latency: {:6.5f} s, throughput: {:9.2f} token/s"      (first 5 decode steps only)
//     "Decode.  median latency: {:6.5f} s, median throughput: {:9.2f} token/s"             (two spaces; only if output len > 1)
//     "Total. latency: {:6.3f} s, throughput: {:9.2f} token/s"
//   so values are left-padded with spaces. Scheduler log lines ("[date TP0] Reset HybridReqToTokenPool") interleave.
//   A case that does not fit prints "skipping ({bs}, {il}, {ol}) due to max batch size limit" instead. The text never
//   prints the input/output lengths; they are recovered from a "--batch-size … --input-len … --output-len …" command
//   line in the same file when the number of cases matches the product, else left null.
// * bench_one_batch / bench_latency, mid-2024 to early 2025 ("old per-step layout"): the per-step lines are
//   "Decode.  latency: {:6.5f} s, throughput: {:9.2f} token/s" (no step number, no batch size); the summary is the
//   same "Decode.  median latency" line.
// * bench_latency, 2024 (commit 001733e9): per-step as above, summary "Decode.  avg latency: … s, avg throughput: …
//   token/s" (a mean, not a median; read into the median fields as the only decode summary printed), JSONL keys
//   avg_decode_latency / avg_decode_throughput / total_throughput.
// * bench_latency, first version ("ms" labels): the same four line kinds with the unit printed as "ms". The index
//   held no copy of that source; the values there were time.time() differences (seconds) under a wrong label, so a
//   "ms" label is read as seconds. Documented assumption, not verified against the original file.
// * JSONL (--result-filename, appended, one object per case): run_name, batch_size, input_len, output_len,
//   prefill_latency, prefill_throughput, median_decode_latency, median_decode_throughput, total_latency,
//   overall_throughput (older: avg_decode_* and total_throughput). Seconds and token/s, unrounded.
// * bench_one_batch_server: per case "batch size: N", "input_len: N", "output_len: N" (2025), "latency: X s",
//   "input throughput: X tok/s", "output throughput: X tok/s", "last_ttft: X s", "last generation throughput: X
//   tok/s", "acc_length: X", "cache hit rate: X"; 2024 printed only "batch size", "latency", "output throughput" and
//   "(input + output) throughput". Mapped as: latency → totalLatencyS, last_ttft → prefillLatencyS, input
//   throughput → prefillThroughput, output throughput (bs·ol/(latency − last_ttft), a decode-phase mean) →
//   decodeMedianThroughput, "(input + output) throughput" or, when absent, bs·(il+ol)/latency (the JSONL's
//   overall_throughput) → totalThroughput. Its JSONL keys: latency, input_throughput, output_throughput,
//   overall_throughput, last_ttft.

/// <summary>
/// Reads <c>python -m sglang.bench_one_batch</c> (and <c>bench_latency</c>) text of every era, its JSONL result file,
/// and <c>bench_one_batch_server</c> output. Only the cases after <c>Benchmark ...</c> are results; the warm-up case
/// is dropped. See the comment at the top of this file for the layouts.
/// </summary>
public static partial class OneBatchParser
{
    public const string Expectation =
        "bench_one_batch output ('Prefill. latency: … s, throughput: … token/s' … 'Total. latency: … s, throughput: … token/s'), "
        + "its JSONL result file, or bench_one_batch_server output ('batch size: N' … 'latency: … s')";

    public static IReadOnlyList<OneBatchResult> ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyList<OneBatchResult> Parse(string text, string file = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        IReadOnlyList<OneBatchResult> results;
        if (BenchServing.BenchServingParser.LooksLikeJsonl(text))
        {
            results = ParseJsonl(text, file);
        }
        else
        {
            var lines = TextLine.Split(text);
            results = lines.Any(l => PrefillPattern().IsMatch(l.Text) || TotalPattern().IsMatch(l.Text))
                ? ParseOneBatchText(lines)
                : ParseServerText(lines);
        }

        if (results.Count == 0)
        {
            throw new OutputParseException(file, null, Expectation);
        }

        return results;
    }

    private static List<OneBatchResult> ParseOneBatchText(IReadOnlyList<TextLine> lines)
    {
        var cases = new List<(OneBatchResult Result, int Order)>();
        var skipped = new List<(long Bs, long Il, long Ol, int Order)>();
        var order = 0;
        OneBatchResult? current = null;
        foreach (var line in lines)
        {
            var text = line.Text;
            if (BenchmarkMarkerPattern().IsMatch(text))
            {
                Flush();
                cases.Clear(); // everything before "Benchmark ..." was the warm-up
                skipped.Clear();
                order = 0;
                continue;
            }

            Match m;
            if ((m = SkippingPattern().Match(text)).Success)
            {
                Flush();
                skipped.Add((Long(m, "bs"), Long(m, "il"), Long(m, "ol"), order++));
            }
            else if ((m = PrefillPattern().Match(text)).Success)
            {
                Flush();
                current = new OneBatchResult
                {
                    Line = line.Number,
                    PrefillLatencyS = Seconds(m),
                    PrefillThroughput = m.Groups["thr"].Success ? Double(m, "thr") : null,
                };
            }
            else if ((m = DecodeStepPattern().Match(text)).Success)
            {
                current = (current ?? new OneBatchResult { Line = line.Number }) with { BatchSize = Long(m, "bs") };
            }
            else if ((m = DecodeSummaryPattern().Match(text)).Success)
            {
                current = (current ?? new OneBatchResult { Line = line.Number }) with
                {
                    DecodeMedianLatencyS = Seconds(m),
                    DecodeMedianThroughput = Double(m, "thr"),
                };
            }
            else if ((m = TotalPattern().Match(text)).Success)
            {
                current = (current ?? new OneBatchResult { Line = line.Number }) with
                {
                    TotalLatencyS = Seconds(m),
                    TotalThroughput = Double(m, "thr"),
                };
                Flush();
            }
        }

        Flush();
        return AssignLengths(lines, cases, skipped);

        void Flush()
        {
            if (current is not null)
            {
                cases.Add((current, order++));
                current = null;
            }
        }
    }

    /// <summary>Gives each case its (bs, il, ol) from the command line in the file when the case count matches the sweep.</summary>
    private static List<OneBatchResult> AssignLengths(
        IReadOnlyList<TextLine> lines, List<(OneBatchResult Result, int Order)> cases, List<(long Bs, long Il, long Ol, int Order)> skipped)
    {
        var results = cases.Select(c => c.Result).ToList();
        var command = lines.Select(l => l.Text).LastOrDefault(t =>
            (t.Contains("bench_one_batch", StringComparison.Ordinal) || t.Contains("bench_latency", StringComparison.Ordinal))
            && !t.Contains("bench_one_batch_server", StringComparison.Ordinal)
            && t.Contains("--", StringComparison.Ordinal));
        if (command is null)
        {
            return results;
        }

        var batchSizes = Flag(command, "batch(?:-size|_size)?") ?? [1];
        var inputLens = Flag(command, "input(?:-len|_len)") ?? [1024];
        var outputLens = Flag(command, "output(?:-len|_len)") ?? [16];
        var sweep = (from bs in batchSizes from il in inputLens from ol in outputLens select (bs, il, ol)).ToList();
        if (sweep.Count != cases.Count + skipped.Count)
        {
            return results;
        }

        for (var i = 0; i < cases.Count; i++)
        {
            var (bs, il, ol) = sweep[cases[i].Order];
            if (results[i].BatchSize is { } printed && printed != bs)
            {
                return cases.Select(c => c.Result).ToList(); // the command line belongs to another run: do not guess
            }

            results[i] = results[i] with { BatchSize = bs, InputLen = il, OutputLen = ol };
        }

        return results;
    }

    private static long[]? Flag(string command, string name)
    {
        var m = Regex.Match(command, $@"--{name}(?:=|\s+)((?:\d+[\s,]*)+)");
        return m.Success
            ? m.Groups[1].Value.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            : null;
    }

    private static List<OneBatchResult> ParseServerText(IReadOnlyList<TextLine> lines)
    {
        var results = new List<OneBatchResult>();
        OneBatchResult? current = null;
        foreach (var line in lines)
        {
            var m = ServerLinePattern().Match(line.Text.Trim());
            if (!m.Success)
            {
                continue;
            }

            var key = m.Groups["key"].Value;
            var value = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            if (key == "batch size")
            {
                Flush();
                current = new OneBatchResult { Line = line.Number, BatchSize = (long)value };
                continue;
            }

            if (current is null)
            {
                continue; // "latency:" and friends outside a case are someone else's output
            }

            current = key switch
            {
                "input_len" => current with { InputLen = (long)value },
                "output_len" => current with { OutputLen = (long)value },
                "latency" => current with { TotalLatencyS = value },
                "last_ttft" => current with { PrefillLatencyS = value },
                "input throughput" => current with { PrefillThroughput = value },
                "output throughput" => current with { DecodeMedianThroughput = value },
                "(input + output) throughput" => current with { TotalThroughput = value },
                _ => current,
            };
        }

        Flush();
        return results;

        void Flush()
        {
            if (current is null)
            {
                return;
            }

            if (current.TotalThroughput is null && current is { BatchSize: { } bs, InputLen: { } il, OutputLen: { } ol, TotalLatencyS: { } lat } && lat > 0)
            {
                current = current with { TotalThroughput = bs * (il + ol) / lat };
            }

            results.Add(current);
            current = null;
        }
    }

    private static List<OneBatchResult> ParseJsonl(string text, string file)
    {
        var results = new List<OneBatchResult>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            JsonObject o;
            try
            {
                o = LenientJson.Parse(trimmed) as JsonObject
                    ?? throw new OutputParseException(file, i + 1, "a JSON object (one bench_one_batch case per line)");
            }
            catch (JsonException e)
            {
                throw new OutputParseException(file, i + 1, $"a JSON object (one bench_one_batch case per line): {e.Message}", e);
            }

            if (o["batch_size"] is null)
            {
                throw new OutputParseException(file, i + 1, "a bench_one_batch record with a \"batch_size\" key");
            }

            var server = o["prefill_latency"] is null;
            results.Add(new OneBatchResult
            {
                Line = i + 1,
                BatchSize = LenientJson.Whole(o["batch_size"]),
                InputLen = LenientJson.Whole(o["input_len"]),
                OutputLen = LenientJson.Whole(o["output_len"]),
                PrefillLatencyS = LenientJson.Finite(server ? o["last_ttft"] : o["prefill_latency"]),
                PrefillThroughput = LenientJson.Finite(server ? o["input_throughput"] : o["prefill_throughput"]),
                DecodeMedianLatencyS = server ? null : LenientJson.Finite(o["median_decode_latency"] ?? o["avg_decode_latency"]),
                DecodeMedianThroughput = LenientJson.Finite(server ? o["output_throughput"] : o["median_decode_throughput"] ?? o["avg_decode_throughput"]),
                TotalLatencyS = LenientJson.Finite(server ? o["latency"] : o["total_latency"]),
                TotalThroughput = LenientJson.Finite(o["overall_throughput"] ?? o["total_throughput"]),
            });
        }

        return results;
    }

    private static double Double(Match m, string group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static long Long(Match m, string group) => long.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    /// <summary>The latency group in seconds; an "ms" label is the first bench_latency's mislabelled seconds (see the file comment).</summary>
    private static double Seconds(Match m) => Double(m, "lat");

    [GeneratedRegex(@"\bPrefill\.\s+latency:\s*(?<lat>\d+(?:\.\d+)?)\s*m?s\b(?:,\s*throughput:\s*(?<thr>\d+(?:\.\d+)?)\s*token/s)?")]
    private static partial Regex PrefillPattern();

    [GeneratedRegex(@"\bDecode\s+\d+\.\s+Batch size:\s*(?<bs>\d+),\s*latency:")]
    private static partial Regex DecodeStepPattern();

    [GeneratedRegex(@"\bDecode\.\s+(?:median|avg)\s+latency:\s*(?<lat>\d+(?:\.\d+)?)\s*m?s,\s*(?:median|avg)\s+throughput:\s*(?<thr>\d+(?:\.\d+)?)\s*token/s")]
    private static partial Regex DecodeSummaryPattern();

    [GeneratedRegex(@"\bTotal\.\s+latency:\s*(?<lat>\d+(?:\.\d+)?)\s*m?s,\s*throughput:\s*(?<thr>\d+(?:\.\d+)?)\s*token/s")]
    private static partial Regex TotalPattern();

    [GeneratedRegex(@"skipping \((?<bs>\d+),\s*(?<il>\d+),\s*(?<ol>\d+)\) due to max batch size limit")]
    private static partial Regex SkippingPattern();

    [GeneratedRegex(@"^\s*Benchmark \.\.\.\s*$")]
    private static partial Regex BenchmarkMarkerPattern();

    [GeneratedRegex(@"^(?<key>batch size|input_len|output_len|latency|last_ttft|input throughput|output throughput|\(input \+ output\) throughput):\s*(?<value>\d+(?:\.\d+)?)\s*(?:s|tok/s|token/s)?$")]
    private static partial Regex ServerLinePattern();
}
