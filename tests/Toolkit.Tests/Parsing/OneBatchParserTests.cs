using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.OneBatch;

namespace SglangCi.Toolkit.Tests.Parsing;

/// <summary>On outputs reconstructed from sglang's print formats (see Fixtures/README.md).</summary>
public sealed class OneBatchParserTests
{
    private static string Fixture(string name) =>
        Path.Combine(TestPaths.RepositoryRoot, "tests", "Toolkit.Tests", "Parsing", "Fixtures", name);

    [Fact]
    public void Current_layout_drops_warmup_and_recovers_lengths_from_the_command_line()
    {
        var results = OneBatchParser.ParseFile(Fixture("bench_one_batch_current.txt"));
        Assert.Equal(2, results.Count);
        var first = results[0];
        Assert.Equal(1, first.BatchSize);
        Assert.Equal(512, first.InputLen);
        Assert.Equal(8, first.OutputLen);
        Assert.Equal(0.04120, first.PrefillLatencyS);
        Assert.Equal(12427.18, first.PrefillThroughput);
        Assert.Equal(0.00698, first.DecodeMedianLatencyS);
        Assert.Equal(143.27, first.DecodeMedianThroughput);
        Assert.Equal(0.090, first.TotalLatencyS);
        Assert.Equal(5777.78, first.TotalThroughput);
        Assert.Equal(13, first.Line);
        Assert.Equal(4, results[1].BatchSize);
        Assert.Equal(512, results[1].InputLen);
        Assert.Equal(8387.10, results[1].TotalThroughput);
    }

    [Fact]
    public void Old_per_step_layout_with_output_len_1_case_and_a_skip()
    {
        var results = OneBatchParser.ParseFile(Fixture("bench_one_batch_old.txt"));
        Assert.Equal(2, results.Count);
        Assert.Equal(3.73642, results[0].PrefillLatencyS);
        Assert.Null(results[0].DecodeMedianLatencyS); // output len 1: no decode summary
        Assert.Equal(1097.31, results[0].TotalThroughput);
        Assert.Null(results[0].BatchSize); // not printed in this era, and no command line
        Assert.Equal(0.01905, results[1].DecodeMedianLatencyS);
        Assert.Equal(209.94, results[1].DecodeMedianThroughput);
        Assert.Equal(4.152, results[1].TotalLatencyS);
    }

    [Fact]
    public void Bench_latency_2024_avg_summary()
    {
        var r = Assert.Single(OneBatchParser.ParseFile(Fixture("bench_latency_2024.txt")));
        Assert.Equal(0.01398, r.DecodeMedianLatencyS);
        Assert.Equal(71.53, r.DecodeMedianThroughput);
        Assert.Equal(3687.94, r.TotalThroughput);
    }

    [Fact]
    public void First_bench_latency_ms_labels_are_read_as_seconds()
    {
        var r = Assert.Single(OneBatchParser.ParseFile(Fixture("bench_latency_ms.txt")));
        Assert.Equal(0.29871, r.PrefillLatencyS);
        Assert.Equal(0.02090, r.DecodeMedianLatencyS);
        Assert.Equal(0.633, r.TotalLatencyS);
        Assert.Equal(1643.60, r.TotalThroughput);
    }

    [Fact]
    public void Jsonl_current_and_2024_keys()
    {
        var results = OneBatchParser.ParseFile(Fixture("bench_one_batch.jsonl"));
        Assert.Equal(2, results.Count);
        Assert.Equal(1, results[0].BatchSize);
        Assert.Equal(512, results[0].InputLen);
        Assert.Equal(0.00698, results[0].DecodeMedianLatencyS);
        Assert.Equal(5777.78, results[0].TotalThroughput);
        Assert.Equal(4, results[1].BatchSize);
        Assert.Equal(0.01398, results[1].DecodeMedianLatencyS);
        Assert.Null(results[1].TotalThroughput); // NaN in the file
    }

    [Fact]
    public void Server_2025_output()
    {
        var results = OneBatchParser.ParseFile(Fixture("bench_one_batch_server.txt"));
        Assert.Equal(2, results.Count);
        var r = results[0];
        Assert.Equal(16, r.BatchSize);
        Assert.Equal(1024, r.InputLen);
        Assert.Equal(8, r.OutputLen);
        Assert.Equal(1.23, r.TotalLatencyS);
        Assert.Equal(0.31, r.PrefillLatencyS);
        Assert.Equal(52345.67, r.PrefillThroughput);
        Assert.Equal(987.65, r.DecodeMedianThroughput);
        Assert.Null(r.DecodeMedianLatencyS);
        Assert.Equal(16 * (1024 + 8) / 1.23, r.TotalThroughput!.Value, 6);
        Assert.Equal(32, results[1].BatchSize);
    }

    [Fact]
    public void Server_2024_output()
    {
        var r = Assert.Single(OneBatchParser.ParseFile(Fixture("bench_one_batch_server_2024.txt")));
        Assert.Equal(1, r.BatchSize);
        Assert.Equal(0.52, r.TotalLatencyS);
        Assert.Equal(30.77, r.DecodeMedianThroughput);
        Assert.Equal(2000.00, r.TotalThroughput);
    }

    [Fact]
    public void Json_shape()
    {
        var json = OneBatchJson.ToJson(OneBatchParser.ParseFile(Fixture("bench_one_batch_current.txt")));
        var first = json["results"]!.AsArray()[0]!.AsObject();
        Assert.Equal(
            ["batchSize", "inputLen", "outputLen", "prefillLatencyS", "prefillThroughput", "decodeMedianLatencyS", "decodeMedianThroughput", "totalLatencyS", "totalThroughput"],
            first.Select(p => p.Key).ToArray());
        Assert.Equal(512, first["inputLen"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("============ Serving Benchmark Result ============\nSuccessful requests: 1\n")]
    [InlineData("Accuracy: 0.9\nLatency: 3.0 s\n")]
    public void Other_outputs_are_rejected(string text)
    {
        var e = Assert.Throws<OutputParseException>(() => OneBatchParser.Parse(text, "o.log"));
        Assert.StartsWith("o.log: expected bench_one_batch output", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jsonl_record_without_batch_size_names_the_line()
    {
        var e = Assert.Throws<OutputParseException>(() => OneBatchParser.Parse("{\"batch_size\": 1, \"prefill_latency\": 0.1}\n{\"completed\": 3}\n", "r.jsonl"));
        Assert.Equal("r.jsonl:2: expected a bench_one_batch record with a \"batch_size\" key", e.Message);
    }
}
