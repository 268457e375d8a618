using System.Text.Json;
using Xunit.Abstractions;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// The whole process dies in the middle of a benchmark (killed, no graceful shutdown) and is started again
/// on the same data directory: the run must end failed with reason <c>interrupted</c> (or succeed), and
/// the node must hold no lease and no queued run afterwards. This exercises what an in-process test
/// cluster cannot: SQLite grain state and reminders surviving a real crash.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(EndToEndCollection.Name)]
public sealed class ProcessKillRecoveryEndToEndTests(ITestOutputHelper output) : WebAppTest
{
    private const string SimulatedNode = "sim-node-1";
    private const string Preset = "deepseek-v3-0324-fp8";
    private static readonly TimeSpan QuickCommand = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReachBenchmarkTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_run_killed_mid_benchmark_ends_interrupted_and_leaks_no_lease()
    {
        var cli = await StartWebAsync(NoFirstNight);
        var started = await cli.RunAsync(QuickCommand, "run", "--preset", Preset, "--node", SimulatedNode, "--json");
        Assert.True(started.ExitCode == 0, $"run without --wait should start the run:\n{started}");
        var runId = JsonDocument.Parse(started.StandardOutput).RootElement.GetProperty("id").GetString()!;

        await WaitUntilAsync(ReachBenchmarkTimeout, async () => InBenchmark(await ShowAsync(cli, runId)), $"run {runId} to reach the benchmark phase");
        await Web!.KillAsync();
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} killed the process during the benchmark of {runId}");

        cli = await StartWebAsync(NoFirstNight);
        JsonElement? final = null;
        await WaitUntilAsync(RecoveryTimeout, async () =>
        {
            var run = await ShowAsync(cli, runId);
            final = run;
            return run?.GetProperty("status").GetString() is "succeeded" or "failed" or "skipped";
        }, $"run {runId} to end after the restart");

        var status = final!.Value.GetProperty("status").GetString();
        var reason = final.Value.GetProperty("reason").GetString();
        output.WriteLine($"after restart: {status} ({reason})");
        Assert.True(status == "succeeded" || (status == "failed" && reason == "interrupted"),
            $"a killed run must end failed/interrupted or succeed, not {status} ({reason})");

        await WaitUntilAsync(RecoveryTimeout, async () =>
        {
            var node = await NodeAsync(cli);
            return node.GetProperty("leases").GetArrayLength() == 0 && node.GetProperty("queue").GetArrayLength() == 0;
        }, $"node {SimulatedNode} to hold no lease and no queued run");
    }

    private static bool InBenchmark(JsonElement? run) =>
        run?.GetProperty("phases").EnumerateArray().Any(p =>
            p.GetProperty("name").GetString() == "benchmark" && p.GetProperty("finishedAt").ValueKind == JsonValueKind.Null) == true;

    private static async Task<JsonElement?> ShowAsync(CliRunner cli, string runId)
    {
        var shown = await cli.RunAsync(QuickCommand, "show", runId, "--json");
        return shown.ExitCode == 0 ? JsonDocument.Parse(shown.StandardOutput).RootElement : null;
    }

    private static async Task<JsonElement> NodeAsync(CliRunner cli)
    {
        var listed = await cli.RunAsync(QuickCommand, "nodes", "--json");
        Assert.True(listed.ExitCode == 0, $"nodes --json failed:\n{listed}");
        return JsonDocument.Parse(listed.StandardOutput).RootElement.EnumerateArray()
            .Single(n => n.GetProperty("name").GetString() == SimulatedNode);
    }

    private async Task WaitUntilAsync(TimeSpan timeout, Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.Fail($"timed out after {timeout} waiting for {what}\n--- web ---\n{Web?.CapturedOutput}");
    }
}
