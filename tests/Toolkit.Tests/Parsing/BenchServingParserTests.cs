using System.Text.Json.Nodes;
using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.BenchServing;

namespace SglangCi.Toolkit.Tests.Parsing;

public sealed class BenchServingParserTests
{
    private const string DeepSeekC64 =
        "online_benchmark_log/mi30x/DeepSeek-V3-0324/v0.5.5-rocm630-mi30x-20251110_DeepSeek-V3-0324_FP8_online/sglang_serving_benchmark_concurrency_64_run1_20251110_142622.log";

    private const string Grok1Rate4 =
        "online_benchmark_log/mi30x/GROK1/v0.5.6-rocm700-mi30x-20251206_GROK1_MOE-I4F8_online/sglang_client_log_GROK1_aiter_4_run1_20251206_122954.log";

    [Fact]
    public void Real_deepseek_concurrency_log_gives_the_printed_values()
    {
        var path = TestPaths.SeedFile(DeepSeekC64);
        var r = Assert.Single(BenchServingParser.ParseFile(path));
        Assert.Equal("sglang", r.Backend);
        Assert.Equal(double.PositiveInfinity, r.RequestRate);
        Assert.Equal(64, r.MaxConcurrency);
        Assert.Equal(500, r.Successful);
        Assert.Null(r.Failed);
        Assert.Equal(353.98, r.DurationS);
        Assert.Equal(1600000, r.TotalInputTokens);
        Assert.Equal(400000, r.TotalOutputTokens);
        Assert.Equal(5650.04, r.TotalTokenThroughput);
        Assert.Equal(62.58, r.Concurrency);
        Assert.Equal(44665.36, r.E2eMs.Median);
        Assert.Equal(10636.12, r.TtftMs.P99);
        Assert.Equal(10225.77, r.ItlMs.Max);
        Assert.True(r.TpotMs.IsEmpty); // this era printed no TPOT section
        Assert.False(r.Truncated);
        Assert.Equal(12, r.Line);

        var json = BenchServingJson.ToJson(r);
        Assert.Equal("inf", json["requestRate"]!.GetValue<string>());
        Assert.Null(json["failed"]);
        Assert.Null(json["tpotMs"]!["mean"]);
        Assert.Equal(46.17, json["itlMs"]!["p99"]!.GetValue<double>());
    }

    [Fact]
    public void Real_grok_rate_log_gives_rate_peak_and_tpot()
    {
        var r = Assert.Single(BenchServingParser.ParseFile(TestPaths.SeedFile(Grok1Rate4)));
        Assert.Equal(4.0, r.RequestRate);
        Assert.Null(r.MaxConcurrency); // "not set"
        Assert.Equal(1200, r.Successful);
        Assert.Equal(3775.00, r.PeakOutputTokenThroughput);
        Assert.Equal(20839.75, r.E2eMs.Median);
        Assert.Equal(34.74, r.TpotMs.Median);
        Assert.Equal(139.03, r.TpotMs.P99);
        Assert.Equal(151.73, r.ItlMs.P95);
    }

    [Fact]
    public void Json_has_exactly_the_contract_fields()
    {
        var json = BenchServingJson.ToJson(new BenchServingResult());
        Assert.Equal(
            ["backend", "requestRate", "maxConcurrency", "successful", "failed", "durationS", "totalInputTokens", "totalOutputTokens",
             "requestThroughput", "inputTokenThroughput", "outputTokenThroughput", "totalTokenThroughput", "peakOutputTokenThroughput",
             "concurrency", "acceptLength", "e2eMs", "ttftMs", "tpotMs", "itlMs"],
            json.Select(p => p.Key).ToArray());
        Assert.Equal(["mean", "median", "std", "p90", "p95", "p99", "max"], json["e2eMs"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.All(json.Where(p => p.Value is not JsonObject), p => Assert.Null(p.Value));
    }

    [Fact]
    public void Old_labels_typo_and_unpadded_values()
    {
        const string text = """
            ============ Serving Benchmark Result ============
            Backend: sglang
            Traffic request rate: 8.0
            Max reqeuest concurrency: 32
            Successful requests: 200
            Benchmark duration (s): 20.50
            Total input tokens: 40000
            Total generated tokens: 0
            Request throughput (req/s): 9.76
            Input token throughput (tok/s): 1951.22
            Output token throughput (tok/s): 0.00
            Total throughput (tok/s): 1951.22
            ---------------Inter-token Latency----------------
            Mean ITL (ms): 0.00
            Median ITL (ms): 0.00
            P99 ITL (ms): 0.00
            ==================================================
            """;
        var r = Assert.Single(BenchServingParser.Parse(text));
        Assert.Equal(32, r.MaxConcurrency);
        Assert.Equal(1951.22, r.TotalTokenThroughput);
        Assert.Equal(0, r.TotalOutputTokens);
        var json = BenchServingJson.ToJson(r);
        Assert.Equal("0", json["outputTokenThroughput"]!.ToJsonString());
        Assert.Equal("0", json["itlMs"]!["median"]!.ToJsonString());
        Assert.Equal(8.0, json["requestRate"]!.GetValue<double>());
    }

    [Fact]
    public void Vllm_variant_reads_failed_e2el_and_skips_p99_9()
    {
        const string text = """
            Traffic request rate: inf
            Burstiness factor: 1.0 (Poisson process)
            Maximum request concurrency: 32
            100%|██████████| 32/32 [02:30<00:00,  4.71s/it]
            ============ Serving Benchmark Result ============
            Successful requests:                     30
            Failed requests:                         2
            Maximum request concurrency:             32
            Benchmark duration (s):                  150.87
            Total input tokens:                      65536
            Total generated tokens:                  65536
            Request throughput (req/s):              0.21
            Request goodput (req/s):                 0.18
            Output token throughput (tok/s):         434.40
            Peak output token throughput (tok/s):    512.00
            Peak concurrent requests:                32.00
            Total Token throughput (tok/s):          868.80
            ---------------Time to First Token----------------
            Mean TTFT (ms):                          7279.56
            Median TTFT (ms):                        7099.88
            P90 TTFT (ms):                           9000.10
            P99 TTFT (ms):                           10999.46
            P99.9 TTFT (ms):                         11010.00
            -----Time per Output Token (excl. 1st token)------
            Mean TPOT (ms):                          70.14
            Median TPOT (ms):                        70.23
            P99 TPOT (ms):                           72.63
            ---------------Inter-token Latency----------------
            Mean ITL (ms):                           70.14
            Median ITL (ms):                         68.15
            P99 ITL (ms):                            72.47
            ----------------End-to-end Latency----------------
            Mean E2EL (ms):                          150000.00
            Median E2EL (ms):                        149000.00
            P99 E2EL (ms):                           150800.00
            ==================================================
            """;
        var r = Assert.Single(BenchServingParser.Parse(text));
        Assert.Null(r.Backend);
        Assert.Null(r.RequestRate); // printed above the block, not inside it
        Assert.Equal(30, r.Successful);
        Assert.Equal(2, r.Failed);
        Assert.Equal(32, r.MaxConcurrency);
        Assert.Equal(868.80, r.TotalTokenThroughput);
        Assert.Equal(0.18, r.RequestGoodput);
        Assert.Equal(32.00, r.PeakConcurrentRequests);
        Assert.Equal("11010.00", r.Values["P99.9 TTFT (ms)"]); // no field, but the raw line is kept
        Assert.Equal(512.00, r.PeakOutputTokenThroughput);
        Assert.Equal(9000.10, r.TtftMs.P90);
        Assert.Equal(10999.46, r.TtftMs.P99);
        Assert.Equal(149000.00, r.E2eMs.Median);
        Assert.Equal(150800.00, r.E2eMs.P99);
    }

    [Fact]
    public void Jsonl_with_bare_infinity_and_nan()
    {
        const string text = """
            {"backend": "sglang", "dataset_name": "random", "request_rate": Infinity, "max_concurrency": 16, "duration": 40.0, "completed": 500, "total_input_tokens": 6101, "total_output_tokens": 4210, "request_throughput": 12.5, "input_throughput": 152.52, "output_throughput": 105.24, "total_throughput": 257.76, "mean_e2e_latency_ms": 3998.4, "median_e2e_latency_ms": 3207.53, "std_e2e_latency_ms": 10.0, "p90_e2e_latency_ms": 5000.0, "p99_e2e_latency_ms": 6000.0, "mean_ttft_ms": 153.0, "median_ttft_ms": 140.76, "p99_ttft_ms": 214.66, "mean_itl_ms": NaN, "p95_itl_ms": 20.1, "concurrency": 1.0, "accept_length": null, "max_output_tokens_per_s": 110.0, "server_info": {"note": "Infinity inside a string stays"}}
            {"backend": "sglang-oai", "request_rate": 4.0, "max_concurrency": null, "duration": 10.0, "completed": 40}
            """;
        var results = BenchServingParser.Parse(text, "bench.jsonl");
        Assert.Equal(2, results.Count);
        var r = results[0];
        Assert.True(r.FromJsonl);
        Assert.Equal(double.PositiveInfinity, r.RequestRate);
        Assert.Equal(16, r.MaxConcurrency);
        Assert.Equal(500, r.Successful);
        Assert.Equal(257.76, r.TotalTokenThroughput);
        Assert.Equal(110.0, r.PeakOutputTokenThroughput);
        Assert.Equal(5000.0, r.E2eMs.P90);
        Assert.Equal(140.76, r.TtftMs.Median);
        Assert.Null(r.ItlMs.Mean); // NaN
        Assert.Equal(20.1, r.ItlMs.P95);
        Assert.Null(r.AcceptLength);
        Assert.Equal("inf", BenchServingJson.ToJson(r)["requestRate"]!.GetValue<string>());
        Assert.Equal(4.0, results[1].RequestRate);
        Assert.Equal(2, results[1].Line);
    }

    [Fact]
    public void Broken_jsonl_line_names_the_line()
    {
        var e = Assert.Throws<OutputParseException>(() => BenchServingParser.Parse("{\"completed\": 1}\n{\"completed\": \n", "r.jsonl"));
        Assert.Equal(2, e.Line);
        Assert.StartsWith("r.jsonl:2: expected a JSON object", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_block_with_noise_keeps_what_is_there()
    {
        var text = "Run started at: 2025-12-06 12:41:51 PST\n"
            + "  0%|          | 0/128 [00:00<?, ?it/s]\r 50%|█████     | 64/128 [00:10<00:10,  6.4it/s]\r100%|██████████| 128/128 [00:20<00:00,  6.4it/s]\n"
            + "\n============ Serving Benchmark Result ============\n"
            + "Backend:                                 sglang    \n"
            + "[2025-12-06 12:41:55 TP0] INFO: Decode batch. #running-req: 3, #token: 1234, gen throughput (token/s): 99.10\n"
            + "Max request concurrency:                 16        \n"
            + "Successful requests:                     128       \n"
            + "  3%|▎         | 4/128 [00:01<00:30,  4.0it/s]\rBenchmark duration (s):                  642.11    \n"
            + "Output token throughput (tok/s):         199.45    \n"
            + "Median E2E La";
        var r = Assert.Single(BenchServingParser.Parse(text, "cut.log"));
        Assert.True(r.Truncated);
        Assert.Equal(4, r.Line);
        Assert.Equal(16, r.MaxConcurrency);
        Assert.Equal(128, r.Successful);
        Assert.Equal(642.11, r.DurationS);
        Assert.Equal(199.45, r.OutputTokenThroughput);
        Assert.Null(r.E2eMs.Median);
    }

    [Fact]
    public void Several_blocks_come_back_in_order()
    {
        const string block = """
            ============ Serving Benchmark Result ============
            Successful requests:                     {0}
            ==================================================
            """;
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, block, 10) + "\nnoise\n"
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, block, 20);
        Assert.Equal([10L, 20L], BenchServingParser.Parse(text).Select(r => r.Successful!.Value).ToArray());
    }

    [Fact]
    public void Non_numeric_value_names_file_line_and_label()
    {
        const string text = """
            ============ Serving Benchmark Result ============
            Successful requests:                     128
            Median TTFT (ms):                        fast
            ==================================================
            """;
        var e = Assert.Throws<OutputParseException>(() => BenchServingParser.Parse(text, "x.log"));
        Assert.Equal("x.log:3: expected a number after 'Median TTFT (ms):', found 'fast'", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Accuracy: 0.950\nInvalid: 0.000\n")]
    [InlineData("Serving Benchmark Results:\n  Concurrency 128, Run 1: 268 seconds\n")]
    public void No_block_is_a_parse_error_naming_the_file(string text)
    {
        var e = Assert.Throws<OutputParseException>(() => BenchServingParser.Parse(text, "f.log"));
        Assert.Equal("f.log", e.File);
        Assert.Null(e.Line);
        Assert.StartsWith("f.log: expected a bench_serving result block", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_rate_stays_text()
    {
        const string text = "============ Serving Benchmark Result ============\nTraffic request rate: trace\nSuccessful requests: 3\n==================================================\n";
        var r = Assert.Single(BenchServingParser.Parse(text));
        Assert.Null(r.RequestRate);
        Assert.Equal("trace", BenchServingJson.ToJson(r)["requestRate"]!.GetValue<string>());
    }
}
