using System.Text.Json;
using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.Datasets;
using SglangCi.Toolkit.LoadGeneration;
using SglangCi.Toolkit.Tests.LoadGeneration;
using SglangCi.Toolkit.Tests.SimulatedEngine;
using Xunit.Abstractions;
using static SglangCi.Toolkit.Tests.Integration.IntegrationSupport;

namespace SglangCi.Toolkit.Tests.Integration;

/// <summary>
/// The core of <c>sglang-ci bench serve</c> (<see cref="ServingBenchmark"/>, which the CLI command only wraps in
/// argument parsing and a progress bar) against the simulator: the JSONL file, the summary block and our JSON.
/// </summary>
[Collection(SimulatedEngineTimingCollection.Name)]
public sealed class ServingBenchmarkIntegrationTests(ITestOutputHelper output) : IDisposable
{
    private static readonly SimulatedEngineOptions Engine = SimulatorTimings(prefillBaseMs: 5, prefillMsPerToken: 0.05, decodeStepBaseMs: 2, seed: 3);

    private readonly string _dir = Directory.CreateTempSubdirectory("bench-serve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Native_random_run_appends_a_bench_serving_jsonl_record()
    {
        await using var server = await SimulatedEngineServer.StartAsync(Engine);
        using var http = NewHttpClient();
        var jsonl = Path.Combine(_dir, "out.jsonl");
        var options = Run(server, numPrompts: 12, inputLength: 40, outputLength: 12, maxConcurrency: 4) with
        {
            Backend = BenchmarkBackend.Sglang,
            Goodput = GoodputSlos.Parse(["ttft:60000", "tpot:60000"]),
        };

        using var deadline = new CancellationTokenSource(RunTimeout);
        var result = await new ServingBenchmark(http).RunAsync(options, jsonl, null, deadline.Token);
        await new ServingBenchmark(http).RunAsync(options with { RequestRate = 50, MaxConcurrency = null }, jsonl, null, deadline.Token);
        output.WriteLine(result.Summary);

        Assert.False(result.AllFailed);
        var lines = await File.ReadAllLinesAsync(jsonl);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"request_rate\":Infinity", lines[0], StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(lines[0].Replace(":Infinity", ":null", StringComparison.Ordinal));
        var root = doc.RootElement;
        foreach (var key in BenchServingJsonlTests.BenchServingKeys)
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing {key}");
        }

        Assert.Equal("sglang", root.GetProperty("backend").GetString());
        Assert.Equal("random", root.GetProperty("dataset_name").GetString());
        Assert.Equal(4, root.GetProperty("max_concurrency").GetInt32());
        Assert.Equal(12, root.GetProperty("completed").GetInt32());
        Assert.Equal(12 * 12, root.GetProperty("total_output_tokens").GetInt64());
        Assert.Equal(12 * 40, root.GetProperty("total_input_tokens").GetInt64());
        Assert.True(root.GetProperty("median_itl_ms").GetDouble() > 0);
        // Generous SLOs: every request is good, so goodput equals the request throughput.
        Assert.Equal(root.GetProperty("request_throughput").GetDouble(), root.GetProperty("request_goodput").GetDouble(), 9);

        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(50, second.RootElement.GetProperty("request_rate").GetDouble());
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("max_concurrency").ValueKind);

        Assert.Contains("Backend:                                 sglang", result.Summary, StringComparison.Ordinal);
        Assert.Contains("Request goodput (req/s):", result.Summary, StringComparison.Ordinal);
        var parsed = BenchServingLogParser.Parse(result.Summary)!;
        Assert.Equal(12, parsed.SuccessfulRequests);
        Assert.Equal("concurrency", result.Json.LoadKind);
        Assert.Equal(12, result.Json.Goodput!.GoodRequests);
    }

    [Fact]
    public async Task ShareGpt_file_over_the_chat_backend()
    {
        var path = Path.Combine(_dir, "sharegpt.json");
        var entries = Enumerable.Range(0, 5).Select(i => new
        {
            id = $"e{i}",
            conversations = new[]
            {
                new { from = "human", value = string.Join(' ', Enumerable.Repeat($"word{i}", 10 + i)) },
                new { from = "gpt", value = string.Join(' ', Enumerable.Repeat("reply", 3 + i)) },
            },
        });
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(entries));
        var dataset = ShareGptPromptSource.Load(path);

        await using var server = await SimulatedEngineServer.StartAsync(Engine);
        using var http = NewHttpClient();
        var options = Run(server, numPrompts: 8, inputLength: 1, outputLength: 1, maxConcurrency: 2) with
        {
            Backend = BenchmarkBackend.OpenAiChat,
            Dataset = dataset,
        };
        using var deadline = new CancellationTokenSource(RunTimeout);
        var result = await new ServingBenchmark(http).RunAsync(options, null, null, deadline.Token);
        output.WriteLine(result.Summary);

        Assert.Equal(8, result.Report.Completed);
        var sample = dataset.Sample(8, new Random(1));
        Assert.Equal(sample.Sum(r => (long)r.PromptLength), result.Report.TotalInputTokens);
        Assert.Equal(sample.Sum(r => (long)r.OutputLength), result.Report.TotalOutputTokens);
        Assert.Equal("sharegpt", result.Json.Dataset);
        Assert.Equal("sglang-oai-chat", result.Json.Backend);
    }

    [Fact]
    public async Task Unreachable_server_is_a_clear_error()
    {
        using var http = NewHttpClient();
        var options = new LoadGeneratorOptions(new Uri("http://127.0.0.1:1"), null, 2, 4, 4, 1, double.PositiveInfinity, null)
        {
            Backend = BenchmarkBackend.Sglang,
            RequestTimeout = RequestTimeout,
        };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => new ServingBenchmark(http).RunAsync(options, null, null, CancellationToken.None));

        Assert.Contains("http://127.0.0.1:1/generate", ex.Message, StringComparison.Ordinal);
    }
}
