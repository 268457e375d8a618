using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SglangCi.Grains.Runs;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Tests;

/// <summary>Runs' own logs: what a run writes (phases, launch, trials, points, outcome), that secrets never reach the
/// files, and bounded, incremental reads through the run grain.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RunLogTests(ClusterFixture fixture) : IDisposable
{
    private const string HfToken = "hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    private const string Webhook = "https://contoso.webhook.office.com/webhookb2/1111-2222/IncomingWebhook/sEcReTpArT/3333";
    private const string ApiKey = "sk-live-0123456789abcdefSECRET";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sglci-runlog-tests", Guid.NewGuid().ToString("N"));

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_run_logs_its_phases_launch_trials_points_and_outcome_with_secrets_redacted_and_the_engine_writes_a_server_log()
    {
        var environment = new Dictionary<string, string> { ["HF_TOKEN"] = HfToken, ["TEAMS_WEBHOOK"] = Webhook };
        var preset = TestPresets.Tiny("logged", simulator: environment) with
        {
            Launch = new Dictionary<string, HardwareLaunch> { ["*"] = new(["--tp", "8", "--api-key", ApiKey], environment) },
        };
        var (run, id) = await StartAsync("logged", preset);
        await Eventually.Until(run.GetSummary, s => s is not null && s.Status.IsTerminal(), TimeSpan.FromSeconds(120), "run end");
        var summary = (await run.GetSummary())!;
        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);

        var catalog = await run.GetLogs();
        Assert.False(catalog.IsLive);
        Assert.Equal(["run", "server"], catalog.Logs.Select(l => l.Name));
        Assert.All(catalog.Logs, l => Assert.True(l.Length > 0, $"{l.Name} is empty"));

        var runLog = await ReadAllAsync(run, "run");
        foreach (var expected in new[]
        {
            $"run {id} queued", "phase leased started", "sglang.launch_server", "--model-path /models/logged", "engine ready at",
            "phase server_up started", "GSM8K trial 1/2: accuracy", "GSM8K gate PASSED", "benchmark concurrency 1 repetition 1: 8 completed",
            "benchmark concurrency 4 repetition 1: 8 completed", "phase collected started", "lease released", "run finished: SUCCEEDED",
        })
        {
            Assert.Contains(expected, runLog, StringComparison.Ordinal);
        }

        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}  run ", runLog);
        Assert.True(runLog.IndexOf("phase gsm8k_gate started", StringComparison.Ordinal) < runLog.IndexOf("phase benchmark started", StringComparison.Ordinal));

        var serverLog = await ReadAllAsync(run, "server");
        Assert.Contains("server_args=ServerArgs(", serverLog, StringComparison.Ordinal);
        Assert.Contains("Load weight begin", serverLog, StringComparison.Ordinal);
        Assert.Contains("The server is fired up and ready to roll!", serverLog, StringComparison.Ordinal);

        // Secrets: not in what is read, and not in the files themselves.
        var folder = Path.GetDirectoryName(Path.Combine(fixture.DataDirectory, "logs", "runs", id, "run.log"))!;
        Assert.True(File.Exists(Path.Combine(folder, "run.log")), $"no run.log under {folder}");
        foreach (var file in Directory.GetFiles(folder, "*.log", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain(HfToken, text, StringComparison.Ordinal);
            Assert.DoesNotContain("sEcReTpArT", text, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
            Assert.Contains("<redacted>", text, StringComparison.Ordinal);
        }

        Assert.Null(await run.ReadLog("../../etc/passwd", 0, 100));
        Assert.Null(await run.ReadLog("nope", 0, 100));
    }

    [Fact]
    public async Task A_run_the_gate_skips_logs_the_failed_gate_and_its_reason()
    {
        var preset = TestPresets.Tiny("gated", threshold: 0.99, simulator: new Dictionary<string, string> { ["SGLCI_SIM_GSM8K_ACCURACY"] = "0.2" });
        var (run, _) = await StartAsync("gated", preset);
        await Eventually.Until(run.GetSummary, s => s is not null && s.Status.IsTerminal(), TimeSpan.FromSeconds(120), "run end");

        var runLog = await ReadAllAsync(run, "run");
        Assert.Contains("GSM8K gate FAILED", runLog, StringComparison.Ordinal);
        Assert.Contains("run finished: SKIPPED (", runLog, StringComparison.Ordinal);
        Assert.DoesNotContain("phase benchmark started", runLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_are_bounded_whole_lines_and_follow_a_growing_file_from_the_offset_they_return()
    {
        var path = Path.Combine(_folder, "grow.log");
        Directory.CreateDirectory(_folder);
        var lines = Enumerable.Range(1, 200).Select(i => $"line {i:D3} {new string('x', 40)}\n").ToArray();
        await File.WriteAllTextAsync(path, string.Concat(lines.Take(100)));

        var first = await RunLogReader.ReadAsync("grow", path, 0, 1000, live: true);
        Assert.True(Encoding.UTF8.GetByteCount(first.Text) <= 1000);
        Assert.EndsWith("\n", first.Text, StringComparison.Ordinal);
        Assert.StartsWith("line 001", first.Text, StringComparison.Ordinal);
        Assert.True(first.HasMore);

        // Follow: every byte exactly once, in order, as the file grows (a half-written line waits for its newline).
        var seen = new StringBuilder(first.Text);
        var next = first.NextOffset;
        await File.AppendAllTextAsync(path, string.Concat(lines.Skip(100)) + "partial line without newline");
        while (true)
        {
            var chunk = await RunLogReader.ReadAsync("grow", path, next, RunLogChunk.MaxBytes, live: true);
            Assert.Equal(next, chunk.Offset);
            seen.Append(chunk.Text);
            if (chunk.NextOffset == next)
            {
                break;
            }

            next = chunk.NextOffset;
        }

        Assert.Equal(string.Concat(lines), seen.ToString());
        var ended = await RunLogReader.ReadAsync("grow", path, next, RunLogChunk.MaxBytes, live: false);
        Assert.Equal("partial line without newline", ended.Text);
        Assert.False(ended.HasMore);

        // The tail starts at a line and reads at most the limit; a limit over 64 KiB is capped.
        var tail = await RunLogReader.ReadAsync("grow", path, -500, 500, live: false);
        Assert.StartsWith("line ", tail.Text, StringComparison.Ordinal);
        Assert.EndsWith("partial line without newline", tail.Text, StringComparison.Ordinal);
        Assert.Equal(tail.Length, tail.NextOffset);
        await File.WriteAllTextAsync(path, new string('y', 200_000) + "\n");
        var capped = await RunLogReader.ReadAsync("grow", path, 0, 10_000_000, live: false);
        Assert.Equal(RunLogChunk.MaxBytes, capped.NextOffset);
    }

    [Fact]
    public async Task A_long_line_is_cut_at_a_character_boundary_and_secrets_are_redacted_again_on_read()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "utf8.log");
        await File.WriteAllTextAsync(path, new string('é', 100) + "\n" + $"export HF_TOKEN={HfToken} curl {Webhook}\n");

        var cut = await RunLogReader.ReadAsync("utf8", path, 0, 51, live: false);
        Assert.Equal(new string('é', 25), cut.Text);
        Assert.Equal(50, cut.NextOffset);

        var rest = await RunLogReader.ReadAsync("utf8", path, 201, RunLogChunk.MaxBytes, live: false);
        Assert.DoesNotContain(HfToken, rest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("sEcReTpArT", rest.Text, StringComparison.Ordinal);
        Assert.Contains("HF_TOKEN=<redacted>", rest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_writer_redacts_before_writing_and_names_command_logs_in_order()
    {
        var writer = new RunLogWriter(new RunLogFiles(_folder), TimeProvider.System, NullLogger<RunLogWriter>.Instance);
        await writer.AppendAsync("r1", $"launch: HF_TOKEN={HfToken} python3 -m sglang.launch_server --api-key {ApiKey}\nalert to {Webhook}");
        var first = await writer.WriteCommandLogAsync("r1", "bench_one_batch", "output 1");
        var second = await writer.WriteCommandLogAsync("r1", "bench_one_batch", $"token={HfToken}");

        var text = await File.ReadAllTextAsync(Path.Combine(_folder, "r1", "run.log"));
        Assert.Equal(2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(HfToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("sEcReTpArT", text, StringComparison.Ordinal);
        Assert.Equal(["run", "commands/001-bench_one_batch", "commands/002-bench_one_batch"], RunLogFiles.List(Path.Combine(_folder, "r1")).Select(l => l.Name));
        Assert.EndsWith("001-bench_one_batch.log", first, StringComparison.Ordinal);
        Assert.DoesNotContain(HfToken, await File.ReadAllTextAsync(second!), StringComparison.Ordinal);
        Assert.Null(RunLogFiles.Resolve(Path.Combine(_folder, "r1"), "../r1/run"));
        Assert.NotNull(RunLogFiles.Resolve(Path.Combine(_folder, "r1"), "commands/001-bench_one_batch"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }

    private static async Task<string> ReadAllAsync(IRunGrain run, string name)
    {
        var text = new StringBuilder();
        long offset = 0;
        while (await run.ReadLog(name, offset, 4096) is { } chunk)
        {
            Assert.True(Encoding.UTF8.GetByteCount(chunk.Text) <= 4096 + 64, "a chunk exceeded its bound (allowing for redaction marks)");
            text.Append(chunk.Text);
            if (!chunk.HasMore || chunk.NextOffset == offset)
            {
                break;
            }

            offset = chunk.NextOffset;
        }

        return text.ToString();
    }

    private async Task<(IRunGrain Run, string Id)> StartAsync(string name, ModelPreset preset)
    {
        var node = $"{name}-node";
        await Grains.GetGrain<IGpuNodeGrain>(node).Configure(TestPresets.Node(node));
        await Grains.GetGrain<IModelPresetGrain>(preset.Name).Save(preset);
        var id = RunIds.Create(preset.Name, node, DateTimeOffset.UtcNow);
        var run = Grains.GetGrain<IRunGrain>(id);
        var summary = await run.Start(new RunRequest(preset.Name, node, RunMode.Online, null, null, "test"));
        Assert.False(summary.Status.IsTerminal(), summary.Reason);
        return (run, id);
    }
}
