using System.Text;
using System.Text.Json;
using SglangCi.Toolkit.Datasets;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// The one-line JSON record bench_serving appends to <c>--output-file</c> after a run (sglang-formats.md §2.4), with
/// its field names, so files we write can be read by the same scripts as SGLang's.
/// </summary>
/// <remarks>
/// <para>Like Python's <c>json.dumps</c>, an infinite request rate is written as the bare token <c>Infinity</c>. That is
/// not strict JSON: strict parsers (System.Text.Json without <c>AllowNamedFloatingPointLiterals</c>, <c>jq</c>) reject
/// the line, exactly as they reject bench_serving's own. Python's <c>json.loads</c> reads it.</para>
/// <para>Fields we cannot know are written as bench_serving writes them when absent: <c>null</c>
/// (<c>max_concurrency</c> without a cap, <c>sharegpt_output_len</c>, <c>accept_length</c>). We add
/// <c>request_goodput</c> (vLLM's name; null without SLOs), <c>max_itl_ms</c>, <c>p90_ttft_ms</c>,
/// <c>p90_tpot_ms</c>, <c>failed</c> and <c>num_prompts</c>; readers ignore keys they do not know.</para>
/// </remarks>
public static class BenchServingJsonl
{
    /// <summary>What the record needs besides the report: the run's options and the dataset/backend names.</summary>
    public static string Format(BenchmarkReport report, LoadGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("backend", BenchmarkBackends.BenchServingName(options.Backend));
            w.WriteString("dataset_name", options.EffectiveDataset.Name);
            w.WritePropertyName("request_rate");
            WriteNumber(w, options.RequestRate);
            w.WritePropertyName("max_concurrency");
            if (options.MaxConcurrency is { } max)
            {
                w.WriteNumberValue(max);
            }
            else
            {
                w.WriteNullValue();
            }

            w.WritePropertyName("sharegpt_output_len");
            if (options.Dataset is ShareGptPromptSource { FixedOutputLength: { } sharegptOutputLength })
            {
                w.WriteNumberValue(sharegptOutputLength);
            }
            else
            {
                w.WriteNullValue();
            }

            w.WriteNumber("random_input_len", options.InputLength);
            w.WriteNumber("random_output_len", options.OutputLength);
            w.WritePropertyName("random_range_ratio");
            WriteNumber(w, options.RangeRatio);
            w.WriteNumber("num_prompts", options.NumPrompts);
            w.WritePropertyName("duration");
            WriteNumber(w, report.DurationSeconds);
            w.WriteNumber("completed", report.Completed);
            w.WriteNumber("failed", report.Failed);
            w.WriteNumber("total_input_tokens", report.TotalInputTokens);
            w.WriteNumber("total_output_tokens", report.TotalOutputTokens);
            Number(w, "request_throughput", report.RequestThroughput);
            Number(w, "input_throughput", report.InputTokenThroughput);
            Number(w, "output_throughput", report.OutputTokenThroughput);
            Number(w, "total_throughput", report.TotalTokenThroughput);
            w.WritePropertyName("request_goodput");
            if (report.RequestGoodput is { } goodput)
            {
                WriteNumber(w, goodput);
            }
            else
            {
                w.WriteNullValue();
            }

            Stats(w, "e2e_latency_ms", report.E2eMs, p90: true, p95: false);
            Stats(w, "ttft_ms", report.TtftMs, p90: true, p95: false);
            Stats(w, "tpot_ms", report.TpotMs, p90: true, p95: false);
            Stats(w, "itl_ms", report.ItlMs, p90: false, p95: true);
            Number(w, "max_itl_ms", report.ItlMs.Max ?? 0);
            Number(w, "concurrency", report.Concurrency);
            w.WriteNull("accept_length");
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Appends the record and a newline to <paramref name="path"/> (creating it), as bench_serving opens it with mode "a".</summary>
    public static async Task AppendAsync(string path, BenchmarkReport report, LoadGeneratorOptions options, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var line = Format(report, options) + "\n";
        await File.AppendAllTextAsync(path, line, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct).ConfigureAwait(false);
    }

    /// <summary><c>mean_X</c>, <c>median_X</c>, <c>std_X</c>, [<c>p90_X</c>], [<c>p95_X</c>], <c>p99_X</c>; 0 when there was no sample (bench_serving's <c>or 0</c>).</summary>
    private static void Stats(Utf8JsonWriter w, string suffix, Metrics.MetricSummary s, bool p90, bool p95)
    {
        Number(w, "mean_" + suffix, s.Mean ?? 0);
        Number(w, "median_" + suffix, s.Median ?? 0);
        Number(w, "std_" + suffix, s.Std ?? 0);
        if (p90)
        {
            Number(w, "p90_" + suffix, s.P90 ?? 0);
        }

        if (p95)
        {
            Number(w, "p95_" + suffix, s.P95 ?? 0);
        }

        Number(w, "p99_" + suffix, s.P99 ?? 0);
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        WriteNumber(w, value);
    }

    /// <summary>A float as Python's json.dumps writes it: <c>Infinity</c>, <c>-Infinity</c>, <c>NaN</c> bare.</summary>
    private static void WriteNumber(Utf8JsonWriter w, double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            w.WriteRawValue("Infinity", skipInputValidation: true);
        }
        else if (double.IsNegativeInfinity(value))
        {
            w.WriteRawValue("-Infinity", skipInputValidation: true);
        }
        else if (double.IsNaN(value))
        {
            w.WriteRawValue("NaN", skipInputValidation: true);
        }
        else
        {
            w.WriteNumberValue(value);
        }
    }
}
