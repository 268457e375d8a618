using System.Text.Json;
using System.Text.Json.Nodes;
using SglangCi.Cli;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.BenchServing;

namespace SglangCi.Integration.Tests.Cli;

/// <summary>
/// The standalone tools (<c>parse</c>, <c>bench serve</c>, <c>gsm8k</c>) as a script meets them: exit codes, JSON on
/// stdout, errors on stderr naming what went wrong. Engines are in-process simulators; files come from the shared folder.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class StandaloneCommandTests : IDisposable
{
    private const string BenchServingLog =
        "mi30x/DeepSeek-V3-0324/v0.5.5-rocm630-mi30x-20251110_DeepSeek-V3-0324_FP8_online/sglang_serving_benchmark_concurrency_64_run1_20251110_142622.log";

    private readonly RepositoryLayout _layout = RepositoryLayout.Discover();
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "sglci-cli-" + Guid.NewGuid().ToString("N"));

    public StandaloneCommandTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string SeedLog => Path.Combine(_layout.SharedDirectory, "seed-history", "online_benchmark_log", BenchServingLog);

    [Fact]
    public async Task Parse_bench_serving_of_a_real_log_prints_its_numbers_as_json()
    {
        Assert.True(File.Exists(SeedLog), $"seed log missing at {SeedLog} (set SGLCI_SHARED_DIR)");

        var r = await InProcessCli.RunAsync("parse", "bench-serving", SeedLog, "--json");

        Assert.True(r.ExitCode == ExitCodes.Success, r.ToString());
        var json = JsonDocument.Parse(r.StandardOutput).RootElement;
        var block = json.ValueKind == JsonValueKind.Array ? json[json.GetArrayLength() - 1] : json;
        Assert.Equal("sglang", block.GetProperty("backend").GetString());
        Assert.Equal("inf", block.GetProperty("requestRate").GetString());
        Assert.Equal(64, block.GetProperty("maxConcurrency").GetInt64());
        Assert.Equal(500, block.GetProperty("successful").GetInt64());
        Assert.Equal(353.98, block.GetProperty("durationS").GetDouble());
        Assert.Equal(400000, block.GetProperty("totalOutputTokens").GetInt64());
        Assert.Equal(44303.84, block.GetProperty("e2eMs").GetProperty("mean").GetDouble());
        Assert.Equal(10636.12, block.GetProperty("ttftMs").GetProperty("p99").GetDouble());
        Assert.Equal(43.58, block.GetProperty("itlMs").GetProperty("p95").GetDouble());
    }

    [Fact]
    public async Task Parse_of_the_wrong_kind_exits_3_naming_the_file()
    {
        var r = await InProcessCli.RunAsync("parse", "gsm8k", SeedLog);

        Assert.True(r.ExitCode == ExitCodes.NoResult, r.ToString());
        Assert.Equal(3, ExitCodes.NoResult);
        Assert.Contains(SeedLog, r.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.StandardOutput);
    }

    [Fact]
    public async Task Parse_of_an_unknown_kind_exits_2_listing_the_known_ones()
    {
        var r = await InProcessCli.RunAsync("parse", "nope", "x");

        Assert.True(r.ExitCode == ExitCodes.BadArguments, r.ToString());
        Assert.Contains("unknown kind 'nope'", r.StandardError, StringComparison.Ordinal);
        Assert.Contains("bench-serving", r.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_serve_against_the_simulator_prints_json_and_appends_bench_serving_jsonl()
    {
        await using var server = await SimulatedEngineServer.StartAsync(new SimulatedEngineOptions { Seed = 3 });
        var outputFile = Path.Combine(_temp, "bench.jsonl");

        var r = await InProcessCli.RunAsync(
            "bench", "serve", "--base-url", server.BaseUrl.ToString(), "--num-prompts", "8",
            "--random-input-len", "64", "--random-output-len", "16", "--json", "--output-file", outputFile);

        Assert.True(r.ExitCode == ExitCodes.Success, r.ToString());

        // bench_serving's JSON, Python-style: an infinite request rate is a bare Infinity, hence the lenient reader.
        var printed = Assert.IsType<JsonObject>(LenientJson.Parse(r.StandardOutput));
        Assert.Equal(8, (int)printed["completed"]!);
        var line = Assert.Single(File.ReadAllLines(outputFile), l => l.Trim().Length > 0);
        var record = Assert.IsType<JsonObject>(LenientJson.Parse(line));
        Assert.Equal(8, (int)record["completed"]!);
        Assert.Equal(0, (int)record["failed"]!);
        Assert.Equal(8, (int)record["num_prompts"]!);
        Assert.Equal(64, (int)record["random_input_len"]!);
        Assert.Equal(16, (int)record["random_output_len"]!);
        var outputTokens = (long)record["total_output_tokens"]!;
        Assert.InRange(outputTokens, 8, 8 * 16); // the random dataset draws each output length up to 16
        Assert.Equal(double.PositiveInfinity, LenientJson.Number(record["request_rate"]));
        foreach (var field in new[] { "backend", "duration", "request_throughput", "output_throughput", "mean_ttft_ms", "median_itl_ms", "p99_e2e_latency_ms" })
        {
            Assert.True(record.ContainsKey(field), $"bench_serving field '{field}' missing from {line}");
        }

        Assert.True((double)record["mean_ttft_ms"]! > 0, line);

        // The record reads back through the product's bench_serving JSONL parser.
        var parsed = Assert.Single(BenchServingParser.ParseJsonl(line));
        Assert.Equal(8, parsed.Successful);
        Assert.Equal(outputTokens, parsed.TotalOutputTokens);
    }

    [Fact]
    public async Task Bench_serve_against_a_closed_port_exits_1_naming_the_url()
    {
        var url = $"http://127.0.0.1:{FreePorts.Take(1)[0]}"; // just free: nobody listens there

        var r = await InProcessCli.RunAsync("bench", "serve", "--base-url", url, "--num-prompts", "2", "--json");

        Assert.True(r.ExitCode == ExitCodes.Failure, r.ToString());
        Assert.Contains("127.0.0.1", r.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.StandardOutput.Trim());
    }

    [Fact]
    public async Task Bench_serve_with_a_non_numeric_rate_exits_2()
    {
        var r = await InProcessCli.RunAsync("bench", "serve", "--base-url", "http://127.0.0.1:1", "--request-rate", "abc");

        Assert.True(r.ExitCode == ExitCodes.BadArguments, r.ToString());
        Assert.Contains("abc", r.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// The self-test's figures are what they say (its targets are measured by running it, see the README; this checks
    /// the counting on a small load): every streamed token is one chunk, chunks/s is chunks over the run's duration, and
    /// the ITL error is the distance of the measured median from the engine's fixed step.
    /// </summary>
    [Fact]
    public async Task Bench_self_test_counts_every_streamed_chunk_and_measures_against_the_engines_itl()
    {
        var r = await InProcessCli.RunAsync("bench", "self-test", "--streams", "16", "--duration-s", "0.5", "--itl-ms", "20", "--itl-streams", "8", "--json");

        Assert.True(r.ExitCode == ExitCodes.Success, r.ToString());
        var json = JsonDocument.Parse(r.StandardOutput).RootElement;
        var throughput = json.GetProperty("throughput");
        Assert.Equal(16, throughput.GetProperty("streams").GetInt32());
        Assert.Equal(0, throughput.GetProperty("failed").GetInt32());
        var chunks = throughput.GetProperty("chunks").GetInt64();
        Assert.Equal(16L * throughput.GetProperty("outputTokensPerStream").GetInt32(), chunks);
        Assert.Equal(chunks / throughput.GetProperty("durationS").GetDouble(), throughput.GetProperty("chunksPerSecond").GetDouble(), 6);

        var itl = json.GetProperty("itl");
        Assert.Equal(0, itl.GetProperty("failed").GetInt32());
        var median = itl.GetProperty("medianItlMs").GetDouble();
        // A 20 ms step as the client saw it (how close it gets is the self-test's figure, measured by running it, not here).
        Assert.InRange(median, 1, 100);
        Assert.Equal(Math.Abs(median - 20), itl.GetProperty("errorMs").GetDouble(), 9);
        Assert.Equal(100_000, json.GetProperty("targets").GetProperty("chunksPerSecond").GetDouble());
        Assert.Equal(0.5, json.GetProperty("targets").GetProperty("itlErrorMs").GetDouble());
        Assert.Contains("self-test: throughput: calibrating (16 streams)", r.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_self_test_with_no_streams_exits_2()
    {
        var r = await InProcessCli.RunAsync("bench", "self-test", "--streams", "0");

        Assert.True(r.ExitCode == ExitCodes.BadArguments, r.ToString());
        Assert.Contains("--streams", r.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gsm8k_against_a_certain_simulator_scores_one()
    {
        var data = _layout.Gsm8kDataset;
        Assert.True(File.Exists(data), $"GSM8K dataset missing at {data} (set SGLCI_SHARED_DIR)");
        await using var server = await SimulatedEngineServer.StartAsync(new SimulatedEngineOptions
        {
            Gsm8kAccuracy = 1.0,
            Gsm8kAnswers = Gsm8kAnswerFile.Load(data),
            PrefillBaseMs = 0.5,
            PrefillMsPerToken = 0.0005,
            DecodeStepBaseMs = 0.5,
            DecodeStepMsPerRequest = 0.002,
            Seed = 7,
        });

        var r = await InProcessCli.RunAsync(
            "gsm8k", "--base-url", server.BaseUrl.ToString(), "--num-questions", "20", "--data", data, "--json");

        Assert.True(r.ExitCode == ExitCodes.Success, r.ToString());
        var json = JsonDocument.Parse(r.StandardOutput).RootElement;
        Assert.Equal(1.0, json.GetProperty("accuracy").GetDouble());
        Assert.Equal(20, json.GetProperty("questions").GetInt32());
    }
}
