using System.Text.Json;
using SglangCi.Toolkit.Datasets;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

/// <summary>The JSONL record: bench_serving's field names, bare Infinity for an unlimited rate, append mode.</summary>
public class BenchServingJsonlTests
{
    /// <summary>The keys bench_serving writes that we can know (sglang-formats.md §2.4).</summary>
    public static readonly string[] BenchServingKeys =
    [
        "backend", "dataset_name", "request_rate", "max_concurrency", "sharegpt_output_len", "random_input_len",
        "random_output_len", "random_range_ratio", "duration", "completed", "total_input_tokens", "total_output_tokens",
        "request_throughput", "input_throughput", "output_throughput", "total_throughput",
        "mean_e2e_latency_ms", "median_e2e_latency_ms", "std_e2e_latency_ms", "p90_e2e_latency_ms", "p99_e2e_latency_ms",
        "mean_ttft_ms", "median_ttft_ms", "std_ttft_ms", "p99_ttft_ms",
        "mean_tpot_ms", "median_tpot_ms", "std_tpot_ms", "p99_tpot_ms",
        "mean_itl_ms", "median_itl_ms", "std_itl_ms", "p95_itl_ms", "p99_itl_ms",
        "concurrency", "accept_length",
    ];

    private static readonly JsonDocumentOptions Lenient = new();

    internal static BenchmarkReport SampleReport(double? goodput = null)
    {
        RequestResult[] results =
        [
            new(true, 100, 10, 0.05, 0.5, [0.05, 0.05], null),
            new(true, 100, 10, 0.07, 0.7, [0.06, 0.08], null),
            new(false, 100, 10, null, 0.01, [], "HTTP 500"),
        ];
        return BenchmarkAggregator.Aggregate(results, 2.0) with { RequestGoodput = goodput };
    }

    internal static LoadGeneratorOptions SampleOptions(double rate = double.PositiveInfinity, int? concurrency = 8) =>
        new(new Uri("http://127.0.0.1:30000"), null, 3, 100, 10, 1.0, rate, concurrency) { Backend = BenchmarkBackend.Sglang };

    private static JsonElement Parse(string line)
    {
        // bench_serving's files need a lenient reader; replacing the bare token is what a strict consumer must do.
        using var doc = JsonDocument.Parse(line.Replace(":Infinity", ":\"Infinity\"", StringComparison.Ordinal), Lenient);
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Writes_every_bench_serving_key_on_one_line()
    {
        var line = BenchServingJsonl.Format(SampleReport(), SampleOptions());

        Assert.DoesNotContain('\n', line);
        var root = Parse(line);
        foreach (var key in BenchServingKeys)
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing key {key} in {line}");
        }

        Assert.Equal("sglang", root.GetProperty("backend").GetString());
        Assert.Equal("random", root.GetProperty("dataset_name").GetString());
        Assert.Equal(8, root.GetProperty("max_concurrency").GetInt32());
        Assert.Equal(2, root.GetProperty("completed").GetInt32());
        Assert.Equal(200, root.GetProperty("total_input_tokens").GetInt64());
        Assert.Equal(1.0, root.GetProperty("request_throughput").GetDouble(), 9);
        Assert.Equal(600, root.GetProperty("mean_e2e_latency_ms").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("request_goodput").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("accept_length").ValueKind);
    }

    [Fact]
    public void An_infinite_rate_is_the_bare_python_token_Infinity()
    {
        var line = BenchServingJsonl.Format(SampleReport(), SampleOptions());

        Assert.Contains("\"request_rate\":Infinity,", line, StringComparison.Ordinal);
        // Strict JSON rejects it, exactly as it rejects bench_serving's own files.
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(line));
    }

    [Fact]
    public void A_finite_rate_and_no_cap_are_plain_json()
    {
        var line = BenchServingJsonl.Format(SampleReport(goodput: 0.5), SampleOptions(rate: 4, concurrency: null));

        using var doc = JsonDocument.Parse(line);
        Assert.Equal(4, doc.RootElement.GetProperty("request_rate").GetDouble());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("max_concurrency").ValueKind);
        Assert.Equal(0.5, doc.RootElement.GetProperty("request_goodput").GetDouble());
    }

    [Fact]
    public void Dataset_name_comes_from_the_source()
    {
        var withSource = new LoadGeneratorOptions(new Uri("http://x"), null, 3, 100, 10, 1, 4, null) { Dataset = new FixedSource() };

        Assert.Equal("prompts", Parse(BenchServingJsonl.Format(SampleReport(), withSource)).GetProperty("dataset_name").GetString());
    }

    [Fact]
    public async Task Appends_one_line_per_run()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.jsonl");
        try
        {
            await BenchServingJsonl.AppendAsync(path, SampleReport(), SampleOptions(), CancellationToken.None);
            await BenchServingJsonl.AppendAsync(path, SampleReport(), SampleOptions(rate: 2), CancellationToken.None);

            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal(2, lines.Length);
            Assert.Contains("Infinity", lines[0], StringComparison.Ordinal);
            Assert.Equal(2, JsonDocument.Parse(lines[1]).RootElement.GetProperty("request_rate").GetDouble());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class FixedSource : IPromptSource
    {
        public string Name => "prompts";

        public IReadOnlyList<BenchmarkRequest> Sample(int count, Random random) =>
            Enumerable.Repeat(new BenchmarkRequest("x y", 2, 2), count).ToList();
    }
}
