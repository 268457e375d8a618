using Microsoft.Extensions.DependencyInjection;
using SglangCi.Grains.Runs;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Silo.Runtimes.Simulated;
using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.OneBatch;

namespace SglangCi.Grains.Tests;

/// <summary>The simulator's bench_one_batch output is what the real one prints, so the toolkit's parser reads it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OneBatchOutputTests(ClusterFixture fixture)
{
    private static readonly SimulatedEngineOptions Options = new() { MaxRunningRequests = 64 };

    [Fact]
    public void Simulated_sweep_parses_with_the_one_batch_parser_case_for_case_with_lengths_from_the_command_line()
    {
        string[] command = ["python3", "-m", "sglang.bench_one_batch", "--model-path", "/models/x", "--tp", "8", "--batch-size", "1", "8", "128", "--input-len", "256", "1024", "--output-len", "16"];
        var sweep = OneBatchCommand.TryParse(command)!;
        var text = string.Join(' ', command) + "\n" + OneBatchOutputWriter.Write(Options, sweep);

        Assert.Contains("Warmup ...\n", text);
        Assert.Contains("\nBenchmark ...\n", text);
        Assert.Contains("Decode 4. Batch size: 8, latency: ", text);
        Assert.DoesNotContain("Decode 5.", text);
        Assert.Contains("skipping (128, 256, 16) due to max batch size limit", text);

        var parsed = OneBatchParser.Parse(text);

        // Batch 128 is over the max batch: skipped, so 4 of the 6 cases print numbers.
        Assert.Equal([(1L, 256L, 16L), (1L, 1024L, 16L), (8L, 256L, 16L), (8L, 1024L, 16L)], parsed.Select(r => (r.BatchSize!.Value, r.InputLen!.Value, r.OutputLen!.Value)));
        foreach (var r in parsed)
        {
            var expected = OneBatchCaseNumbers.For(Options, (int)r.BatchSize!.Value, (int)r.InputLen!.Value, (int)r.OutputLen!.Value);
            Assert.Equal(expected.PrefillLatencyS, r.PrefillLatencyS!.Value, 0.000006);
            Assert.Equal(expected.PrefillThroughput, r.PrefillThroughput!.Value, 0.006);
            Assert.Equal(expected.DecodeLatencyS, r.DecodeMedianLatencyS!.Value, 0.000006);
            Assert.Equal(expected.DecodeThroughput, r.DecodeMedianThroughput!.Value, 0.006);
            Assert.Equal(expected.TotalLatencyS, r.TotalLatencyS!.Value, 0.0006);
            Assert.Equal(expected.TotalThroughput, r.TotalThroughput!.Value, 0.006);
        }
    }

    [Fact]
    public void Output_is_deterministic_and_a_single_token_output_prints_no_decode_lines()
    {
        var one = new OneBatchCommand("/m", [2], [64], [1], 1);
        Assert.Equal(OneBatchOutputWriter.Write(Options, one), OneBatchOutputWriter.Write(Options, one));
        var text = OneBatchOutputWriter.Write(Options, one);
        Assert.DoesNotContain("Decode", text);
        var r = Assert.Single(OneBatchParser.Parse(text));
        Assert.Null(r.DecodeMedianLatencyS);
        Assert.NotNull(r.TotalThroughput);
    }

    [Fact]
    public void Command_line_parsing_knows_bench_one_batch_only_and_names_a_bad_value()
    {
        Assert.Null(OneBatchCommand.TryParse(["python3", "-m", "sglang.launch_server", "--model-path", "/m"]));
        Assert.Null(OneBatchCommand.TryParse(["bash", "-c", "true"]));
        var parsed = OneBatchCommand.TryParse(["python", "-m", "sglang.bench_one_batch", "--model=/a", "--batch-size=1,2", "--input-len", "8", "--model-path", "/b"])!;
        Assert.Equal("/b", parsed.ModelPath); // the last occurrence wins, as with argparse
        Assert.Equal([1, 2], parsed.BatchSizes);
        Assert.Equal([16], parsed.OutputLens);
        var error = Assert.Throws<ArgumentException>(() => OneBatchCommand.TryParse(["python3", "-m", "sglang.bench_one_batch", "--model-path", "/m", "--batch-size", "x"]));
        Assert.Contains("--batch-size", error.Message);
    }

    [Fact]
    public async Task Simulated_runtime_runs_the_pipelines_command_writes_the_log_and_refuses_other_commands()
    {
        var runtime = fixture.SiloServices(fixture.PrimarySilo).GetRequiredService<SimulatedEngineRuntime>();
        var node = TestPresets.Node("exec-node");
        var launch = new EngineLaunch("exec-run", "simulated", "/models/exec", ["--tp", "8"], new Dictionary<string, string>(), TimeSpan.FromSeconds(30));
        var log = Path.Combine(Path.GetTempPath(), $"sglci-exec-{Guid.NewGuid():N}", "case.log");
        try
        {
            var command = OfflineCommand.For(launch, new OfflinePlan("normal", [new(4, 128, 8)], ["--disable-radix-cache"]), new OfflineCase(4, 128, 8));
            Assert.Equal(["python3", "-m", "sglang.bench_one_batch", "--model-path", "/models/exec", "--tp", "8", "--batch-size", "4", "--input-len", "128", "--output-len", "8", "--disable-radix-cache"], command);

            var result = await runtime.ExecAsync(node, launch, [0, 1], command, log, CancellationToken.None);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(result.Output, await File.ReadAllTextAsync(log));
            var parsed = Assert.Single(OneBatchParser.Parse(result.Output));
            Assert.Equal((4L, 128L, 8L), (parsed.BatchSize, parsed.InputLen, parsed.OutputLen));

            var other = await runtime.ExecAsync(node, launch, [0], ["nvidia-smi"], log, CancellationToken.None);
            Assert.Equal(127, other.ExitCode);
            Assert.Throws<OutputParseException>(() => OneBatchParser.Parse(other.Output));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);
        }
    }
}
