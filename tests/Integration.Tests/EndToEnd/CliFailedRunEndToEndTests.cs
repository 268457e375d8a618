using System.Text.Json;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// <c>sglang-ci run --wait</c> exits 1 when the run fails, so a script (or the old cron) can tell: the simulated engine
/// is told to fail its start, and the CLI prints the failed run with its reason as JSON, and its table without.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(EndToEndCollection.Name)]
public sealed class CliFailedRunEndToEndTests : WebAppTest
{
    private const string Preset = "grok1-int4";
    private const string Node = "sim-node-1";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private static readonly IReadOnlyDictionary<string, string> EngineFailsToStart = new Dictionary<string, string>(NoFirstNight)
    {
        ["SglangCi__Simulator__Faults__FailStartup"] = "true",
    };

    [Fact]
    public async Task Run_wait_exits_1_with_the_failed_run_and_its_reason()
    {
        var cli = await StartWebAsync(EngineFailsToStart);

        var json = await cli.RunAsync(RunTimeout, "run", "--preset", Preset, "--node", Node, "--wait", "--json");

        Assert.True(json.ExitCode == 1, $"a failed run should exit 1:\n{json}");
        var run = JsonDocument.Parse(json.StandardOutput).RootElement;
        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.StartsWith("engine failed to start: ", run.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(run.GetProperty("points").EnumerateArray());

        var table = await cli.RunAsync(RunTimeout, "run", "--preset", Preset, "--node", Node, "--wait");
        Assert.True(table.ExitCode == 1, $"a failed run should exit 1 without --json too:\n{table}");
        Assert.Contains("failed — engine failed to start", table.StandardOutput, StringComparison.Ordinal);
    }
}
