using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.Parsing.BenchServing;

/// <summary>
/// Reads <c>python -m sglang.bench_serving</c> results: the printed summary block of every SGLang version and
/// vLLM's close variant, or the JSONL file bench_serving appends to.
/// <para>
/// Text: a block starts at a <c>===== Serving Benchmark Result =====</c> header and ends at a rule of '='
/// (or the next header, or the end of the file: then it is marked truncated and what was there is kept). Inside a
/// block only known labels are read, matched case-insensitively with collapsed spaces, so padded or unpadded
/// values, tqdm redraws and interleaved log lines are skipped. Label variants: SGLang 2024–2026 (the old
/// <c>Max reqeuest concurrency</c> typo, the old <c>Total throughput (tok/s)</c>), vLLM (<c>Maximum request
/// concurrency</c>, <c>Failed requests</c>, <c>Total Token throughput</c>, <c>… E2EL (ms)</c>, <c>Request goodput</c>;
/// P50/P99.9 have no field and are kept only in <see cref="BenchServingResult.Values"/>). A known label whose value is not a number (and not
/// <c>inf</c>, <c>not set</c>, <c>N/A</c>, <c>nan</c>) is an error naming the line.
/// </para>
/// <para>
/// This is the one reader of bench_serving text: <c>LoadGeneration.BenchServingLogParser</c> (the load generator's
/// round trip of its own printed summary) delegates here.
/// </para>
/// </summary>
public static partial class BenchServingParser
{
    public const string Expectation =
        "a bench_serving result block ('============ Serving Benchmark Result ============' followed by 'Label: value' lines) or bench_serving JSONL records";

    /// <summary>Every result in the file, in order; throws <see cref="OutputParseException"/> when there is none.</summary>
    public static IReadOnlyList<BenchServingResult> ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Every result in <paramref name="text"/>; <paramref name="file"/> only names the input in errors.</summary>
    public static IReadOnlyList<BenchServingResult> Parse(string text, string file = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var results = LooksLikeJsonl(text) ? ParseJsonl(text, file) : ParseText(text, file);
        if (results.Count == 0)
        {
            throw new OutputParseException(file, null, Expectation);
        }

        return results;
    }

    /// <summary>True when every non-blank line starts with '{' (one JSON object per line).</summary>
    public static bool LooksLikeJsonl(string text)
    {
        var any = false;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (trimmed[0] != '{')
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>The printed blocks only. A header with no value line under it is skipped (nothing to report).</summary>
    public static IReadOnlyList<BenchServingResult> ParseText(string text, string file = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var results = new List<BenchServingResult>();
        Builder? current = null;
        foreach (var line in TextLine.Split(text))
        {
            var trimmed = line.Text.Trim();
            if (HeaderPattern().IsMatch(trimmed))
            {
                Close(truncated: true);
                current = new Builder(line.Number);
                continue;
            }

            if (current is null)
            {
                continue;
            }

            if (ClosingRulePattern().IsMatch(trimmed))
            {
                Close(truncated: false);
                continue;
            }

            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var label = trimmed[..colon].Trim();
            var value = trimmed[(colon + 1)..].Trim();
            current.Values[label] = value;
            current.Apply(Normalize(label), label, value, file, line.Number);
        }

        Close(truncated: true);
        return results;

        void Close(bool truncated)
        {
            if (current is not null && current.HasValues)
            {
                results.Add(current.Result with { Truncated = truncated, Values = current.Values });
            }

            current = null;
        }
    }

    /// <summary>One result per JSONL line; bare <c>Infinity</c>/<c>NaN</c> are accepted.</summary>
    public static IReadOnlyList<BenchServingResult> ParseJsonl(string text, string file = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var results = new List<BenchServingResult>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            JsonObject record;
            try
            {
                record = LenientJson.Parse(trimmed) as JsonObject
                    ?? throw new OutputParseException(file, i + 1, "a JSON object (one bench_serving record per line)");
            }
            catch (JsonException e)
            {
                throw new OutputParseException(file, i + 1, $"a JSON object (one bench_serving record per line): {e.Message}", e);
            }

            results.Add(FromRecord(record, i + 1));
        }

        return results;
    }

    private static BenchServingResult FromRecord(JsonObject o, int line)
    {
        var rateNode = o["request_rate"];
        var rate = LenientJson.Number(rateNode);
        return new BenchServingResult
        {
            Line = line,
            FromJsonl = true,
            Backend = o["backend"] is JsonValue b && b.TryGetValue<string>(out var backend) ? backend : null,
            RequestRate = rate is { } r && !double.IsNaN(r) ? r : null,
            RequestRateText = rate is null && rateNode is JsonValue rv && rv.TryGetValue<string>(out var rateText) ? rateText : null,
            MaxConcurrency = LenientJson.Whole(o["max_concurrency"]),
            Successful = LenientJson.Whole(o["completed"]),
            Failed = LenientJson.Whole(o["failed"]),
            DurationS = LenientJson.Finite(o["duration"]),
            TotalInputTokens = LenientJson.Whole(o["total_input_tokens"]),
            TotalOutputTokens = LenientJson.Whole(o["total_output_tokens"]),
            RequestThroughput = LenientJson.Finite(o["request_throughput"]),
            RequestGoodput = LenientJson.Finite(o["request_goodput"]),
            InputTokenThroughput = LenientJson.Finite(o["input_throughput"]),
            OutputTokenThroughput = LenientJson.Finite(o["output_throughput"]),
            TotalTokenThroughput = LenientJson.Finite(o["total_throughput"] ?? o["total_token_throughput"]),
            PeakOutputTokenThroughput = LenientJson.Finite(o["max_output_tokens_per_s"]),
            Concurrency = LenientJson.Finite(o["concurrency"]),
            AcceptLength = LenientJson.Finite(o["accept_length"]),
            E2eMs = JsonStats(o, "e2e_latency_ms", "e2el_ms"),
            TtftMs = JsonStats(o, "ttft_ms"),
            TpotMs = JsonStats(o, "tpot_ms"),
            ItlMs = JsonStats(o, "itl_ms"),
        };
    }

    private static readonly string[] StatisticNames = ["mean", "median", "std", "p90", "p95", "p99", "max"];

    private static LatencyStats JsonStats(JsonObject o, params string[] suffixes)
    {
        var stats = LatencyStats.Empty;
        foreach (var statistic in StatisticNames)
        {
            foreach (var suffix in suffixes)
            {
                if (LenientJson.Finite(o[$"{statistic}_{suffix}"]) is { } v)
                {
                    stats.TryWith(statistic, v, out stats);
                    break;
                }
            }
        }

        return stats;
    }

    internal static string Normalize(string label) => WhitespacePattern().Replace(label.Trim(), " ").ToLowerInvariant();

    [GeneratedRegex(@"=+\s*Serving Benchmark Result\s*=+")]
    private static partial Regex HeaderPattern();

    [GeneratedRegex(@"^={20,}$")]
    private static partial Regex ClosingRulePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex(@"^(mean|median|std|p\d+(?:\.\d+)?|max) (ttft|tpot|itl|e2e latency|e2el) \(ms\)$")]
    private static partial Regex LatencyLabelPattern();

    [GeneratedRegex(@"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?(?=\s|$)")]
    private static partial Regex LeadingNumberPattern();

    private sealed class Builder(int line)
    {
        public BenchServingResult Result { get; private set; } = new() { Line = line };

        /// <summary>Every <c>label: value</c> line of the block, known label or not.</summary>
        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

        public bool HasValues { get; private set; }

        public void Apply(string key, string label, string value, string file, int lineNumber)
        {
            var r = Result;
            switch (key)
            {
                case "backend":
                    Set(r with { Backend = value.Length == 0 ? null : value });
                    return;
                case "traffic request rate" or "request rate" or "request rate configured (rps)":
                    var rate = Number(label, value, file, lineNumber, allowText: true);
                    Set(r with { RequestRate = rate, RequestRateText = rate is null && !IsNone(value) ? value : null });
                    return;
                case "max request concurrency" or "max reqeuest concurrency" or "maximum request concurrency":
                    Set(r with { MaxConcurrency = Integer(label, value, file, lineNumber) });
                    return;
                case "successful requests":
                    Set(r with { Successful = Integer(label, value, file, lineNumber) });
                    return;
                case "failed requests":
                    Set(r with { Failed = Integer(label, value, file, lineNumber) });
                    return;
                case "benchmark duration (s)":
                    Set(r with { DurationS = Number(label, value, file, lineNumber) });
                    return;
                case "total input tokens":
                    Set(r with { TotalInputTokens = Integer(label, value, file, lineNumber) });
                    return;
                case "total input text tokens":
                    Set(r with { TotalInputTextTokens = Integer(label, value, file, lineNumber) });
                    return;
                case "total input vision tokens":
                    Set(r with { TotalInputVisionTokens = Integer(label, value, file, lineNumber) });
                    return;
                case "total generated tokens":
                    Set(r with { TotalOutputTokens = Integer(label, value, file, lineNumber) });
                    return;
                case "total generated tokens (retokenized)":
                    Set(r with { TotalOutputTokensRetokenized = Integer(label, value, file, lineNumber) });
                    return;
                case "request throughput (req/s)":
                    Set(r with { RequestThroughput = Number(label, value, file, lineNumber) });
                    return;
                case "request goodput (req/s)":
                    Set(r with { RequestGoodput = Number(label, value, file, lineNumber) });
                    return;
                case "peak concurrent requests":
                    Set(r with { PeakConcurrentRequests = Number(label, value, file, lineNumber) });
                    return;
                case "input token throughput (tok/s)":
                    Set(r with { InputTokenThroughput = Number(label, value, file, lineNumber) });
                    return;
                case "output token throughput (tok/s)":
                    Set(r with { OutputTokenThroughput = Number(label, value, file, lineNumber) });
                    return;
                case "total token throughput (tok/s)" or "total throughput (tok/s)":
                    Set(r with { TotalTokenThroughput = Number(label, value, file, lineNumber) });
                    return;
                case "peak output token throughput (tok/s)":
                    Set(r with { PeakOutputTokenThroughput = Number(label, value, file, lineNumber) });
                    return;
                case "concurrency":
                    Set(r with { Concurrency = Number(label, value, file, lineNumber) });
                    return;
                case "accept length" or "acceptance length":
                    Set(r with { AcceptLength = Number(label, value, file, lineNumber) });
                    return;
            }

            var match = LatencyLabelPattern().Match(key);
            if (!match.Success)
            {
                return; // noise, or a label without a field (kept in Values only)
            }

            var statistic = match.Groups[1].Value;
            var family = match.Groups[2].Value;
            var current = family switch
            {
                "ttft" => r.TtftMs,
                "tpot" => r.TpotMs,
                "itl" => r.ItlMs,
                _ => r.E2eMs,
            };
            if (!current.TryWith(statistic, Number(label, value, file, lineNumber), out var updated))
            {
                return; // P50, P99.9: printed by vLLM, not part of the contract
            }

            Set(family switch
            {
                "ttft" => r with { TtftMs = updated },
                "tpot" => r with { TpotMs = updated },
                "itl" => r with { ItlMs = updated },
                _ => r with { E2eMs = updated },
            });
        }

        private void Set(BenchServingResult result)
        {
            Result = result;
            HasValues = true;
        }

        private static bool IsNone(string value) =>
            value.Length == 0 || value.Equals("not set", StringComparison.OrdinalIgnoreCase)
            || value.Equals("N/A", StringComparison.OrdinalIgnoreCase) || value.Equals("None", StringComparison.Ordinal)
            || value.Equals("nan", StringComparison.OrdinalIgnoreCase);

        private static double? Number(string label, string value, string file, int line, bool allowText = false)
        {
            if (IsNone(value))
            {
                return null;
            }

            if (value.Equals("inf", StringComparison.OrdinalIgnoreCase))
            {
                return double.PositiveInfinity;
            }

            var match = LeadingNumberPattern().Match(value);
            if (match.Success && double.TryParse(match.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            if (allowText && !value.Any(char.IsDigit))
            {
                return null; // "trace": kept as text by the caller
            }

            throw new OutputParseException(file, line, $"a number after '{label}:', found '{value}'");
        }

        private static long? Integer(string label, string value, string file, int line)
        {
            var number = Number(label, value, file, line);
            if (number is not { } v || !double.IsFinite(v))
            {
                return null;
            }

            if (v != Math.Floor(v))
            {
                throw new OutputParseException(file, line, $"a whole number after '{label}:', found '{value}'");
            }

            return (long)v;
        }
    }
}
