using System.Net.Http.Json;
using SglangCi.Grains.Runtime;

namespace SglangCi.Integration.Tests.Processes;

/// <summary>
/// The process runtime with real child processes: the simulated engine started through a <c>python3</c> shim, readiness,
/// generation, the lease's GPUs in the environment, stopping that reaches the whole process tree (a child that ignores
/// SIGTERM included), an exit during start-up and a readiness timeout ending with clear reasons and nothing left, and
/// commands streaming into their log with their exit code.
/// </summary>
[Trait("Category", "Process")]
public sealed class ProcessRuntimeTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Server_starts_answers_generate_and_stops_with_its_whole_process_tree()
    {
        await using var node = new ProcessTestNode();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var childPidFile = Path.Combine(node.Shim.Directory, "child.pid");
        var launch = node.Launch(["--tp", "2", "--startup-delay-s", "0.5"], environment: new Dictionary<string, string>
        {
            [SimulatedEngineShim.ChildPidFileVariable] = childPidFile,
            ["SGLCI_TEST_MARK"] = "from-the-launch",
        });

        var server = await node.Runtime.StartAsync(node.Node, launch, [2, 3], timeout.Token);
        int pid;
        int child;
        try
        {
            Assert.Equal("127.0.0.1", server.BaseUrl.Host);
            Assert.True(server.BaseUrl.Port >= node.Options.FirstServerPort);
            Assert.Equal(1, node.Runtime.RunningEngines);

            using var http = new HttpClient { BaseAddress = server.BaseUrl };
            using var response = await http.PostAsJsonAsync("generate", new { text = "The capital of France is", sampling_params = new { max_new_tokens = 8 } }, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            Assert.True(response.IsSuccessStatusCode, body);
            Assert.Contains("\"text\"", body, StringComparison.Ordinal);

            Assert.Equal(node.Logs.ServerLog(launch.RunId), server.LogPath);
            var log = await File.ReadAllTextAsync(server.LogPath!, timeout.Token);
            Assert.Contains("The server is fired up and ready to roll!", log, StringComparison.Ordinal);
            Assert.Contains($"starting server process {server.ServerId}", log, StringComparison.Ordinal);
            Assert.Contains("--tp is not simulated", log, StringComparison.Ordinal); // stderr reaches the log too

            pid = Assert.Single(ProcessTestNode.PidsIn(server.LogPath!));
            Assert.True(ProcessTestNode.IsRunning(pid));
            var environment = ProcessTestNode.EnvironmentOf(pid);
            Assert.Equal("2,3", environment["HIP_VISIBLE_DEVICES"]);
            Assert.Equal("2,3", environment["CUDA_VISIBLE_DEVICES"]);
            Assert.Equal("from-the-launch", environment["SGLCI_TEST_MARK"]);

            child = int.Parse(await File.ReadAllTextAsync(childPidFile, timeout.Token), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(ProcessTestNode.IsRunning(child), "the shim's child runs");

            await server.StopAsync(timeout.Token);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.False(ProcessTestNode.IsRunning(pid), $"server pid {pid} is gone");
        Assert.False(ProcessTestNode.IsRunning(child), $"child pid {child} (ignores SIGTERM) is gone");
        Assert.Equal(0, node.Runtime.RunningEngines);
        Assert.Contains($"stopping server process {server.ServerId}", await File.ReadAllTextAsync(server.LogPath!, timeout.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_exits_during_start_up_fails_at_once_with_its_exit_code_and_last_log_lines()
    {
        await using var node = new ProcessTestNode();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var launch = node.Launch(["--fail-startup"], startupTimeout: TimeSpan.FromSeconds(60));
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<EngineStartException>(() => node.Runtime.StartAsync(node.Node, launch, [0], timeout.Token));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(45), "failed early, not at the startup timeout");
        Assert.Contains("exited with code 1 while the server was starting", error.Message, StringComparison.Ordinal);
        Assert.Contains("log line(s):", error.Message, StringComparison.Ordinal);
        Assert.Contains("Simulated startup failure", error.Message, StringComparison.Ordinal);
        var log = node.Logs.ServerLog(launch.RunId);
        Assert.Contains("start failed:", await File.ReadAllTextAsync(log, timeout.Token), StringComparison.Ordinal);
        Assert.All(ProcessTestNode.PidsIn(log), pid => Assert.False(ProcessTestNode.IsRunning(pid)));
        Assert.Equal(0, node.Runtime.RunningEngines);
    }

    [Fact]
    public async Task A_server_that_never_becomes_ready_times_out_and_its_process_is_killed()
    {
        await using var node = new ProcessTestNode();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var launch = node.Launch(["--startup-delay-s", "600"], startupTimeout: TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<EngineStartException>(() => node.Runtime.StartAsync(node.Node, launch, [0], timeout.Token));

        Assert.Contains("did not become ready within 3 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("/health_generate never answered 200", error.Message, StringComparison.Ordinal);
        var pid = Assert.Single(ProcessTestNode.PidsIn(node.Logs.ServerLog(launch.RunId)));
        Assert.False(ProcessTestNode.IsRunning(pid), $"pid {pid} was killed");
        Assert.Equal(0, node.Runtime.RunningEngines);
    }

    [Fact]
    public async Task Exec_streams_stdout_and_stderr_into_the_log_and_returns_the_exit_code()
    {
        await using var node = new ProcessTestNode();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var launch = node.Launch([]);
        var logPath = node.Logs.NextCommandLog(launch.RunId, "script");

        var result = await node.Runtime.ExecAsync(
            node.Node, launch, [1], ["bash", "-c", "echo to-stdout; echo to-stderr >&2; echo gpus=$HIP_VISIBLE_DEVICES; exit 3"], logPath, timeout.Token);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("to-stdout", result.Output, StringComparison.Ordinal);
        Assert.Contains("to-stderr", result.Output, StringComparison.Ordinal);
        Assert.Contains("gpus=1", result.Output, StringComparison.Ordinal);
        var log = await File.ReadAllTextAsync(logPath, timeout.Token);
        Assert.Contains("to-stdout", log, StringComparison.Ordinal);
        Assert.Contains("to-stderr", log, StringComparison.Ordinal);

        // A leading python3 is the configured Python (here the shim onto the simulator's bench-one-batch).
        var bench = await node.Runtime.ExecAsync(
            node.Node, launch, [0],
            ["python3", "-m", "sglang.bench_one_batch", "--model-path", "/models/simulated", "--batch-size", "1", "--input-len", "128", "--output-len", "8"],
            node.Logs.NextCommandLog(launch.RunId, "bench_one_batch"), timeout.Token);
        Assert.True(bench.ExitCode == 0, bench.Output);
        Assert.Contains("Prefill", bench.Output, StringComparison.OrdinalIgnoreCase);

        var missing = await Assert.ThrowsAsync<EngineStartException>(() => node.Runtime.ExecAsync(
            node.Node, launch, [0], ["no-such-program-sglci"], logPath, timeout.Token));
        Assert.Contains("no-such-program-sglci", missing.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// What a command prints goes to disk and into the run's checks: a token it echoes (git repeats a remote's URL in
    /// its errors) is masked in both, even when it arrives split across two writes, while ordinary output, progress
    /// bars (<c>\r</c>) and a last line without a newline are kept.
    /// </summary>
    [Fact]
    public async Task Exec_masks_secrets_in_the_log_and_the_output_even_when_split_across_writes()
    {
        await using var node = new ProcessTestNode();
        using var timeout = new CancellationTokenSource(TestTimeout);
        var launch = node.Launch([]);
        var logPath = node.Logs.NextCommandLog(launch.RunId, "git");
        const string Script =
            "printf 'fatal: unable to access https://bot:ghp_'; sleep 0.3; printf 'abcdefghijklmnopqrstuvwxyz0123456789@github.com/x/sglang.git/\\n'; " +
            "echo 'Authorization: Bearer sk-live-0123456789' >&2; printf 'step 1/2\\rstep 2/2\\r'; printf 'no newline at the end'";

        var result = await node.Runtime.ExecAsync(node.Node, launch, [0], ["bash", "-c", Script], logPath, timeout.Token);

        var log = await File.ReadAllTextAsync(logPath, timeout.Token);
        foreach (var (what, text) in new[] { ("log", log), ("output", result.Output) })
        {
            Assert.DoesNotContain("bot:ghp_", text, StringComparison.Ordinal);
            Assert.DoesNotContain("abcdefghijklmnopqrstuvwxyz0123456789@", text, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-live-0123456789", text, StringComparison.Ordinal);
            Assert.True(text.Contains("fatal: unable to access https://<redacted>@github.com/x/sglang.git/", StringComparison.Ordinal), $"{what}:\n{text}");
            Assert.Contains("step 1/2\rstep 2/2\r", text, StringComparison.Ordinal);
            Assert.Contains("no newline at the end", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_cancelled_command_is_stopped_with_its_children()
    {
        await using var node = new ProcessTestNode();
        var launch = node.Launch([]);
        var pidFile = Path.Combine(node.Shim.Directory, "sleeper.pid");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => node.Runtime.ExecAsync(
            node.Node, launch, [0], ["bash", "-c", $"sleep 600 & echo $! > '{pidFile}'; wait"], node.Logs.NextCommandLog(launch.RunId, "sleep"), cancel.Token));

        var sleeper = int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(ProcessTestNode.IsRunning(sleeper), $"the command's child {sleeper} is gone");
    }
}
