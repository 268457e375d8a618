using SglangCi.Interfaces.Runs;

namespace SglangCi.Integration.Tests.Storage;

/// <summary>The one rule the CLI's <c>show</c> and the dashboard's run page use to pick the stored row or the grain.</summary>
public sealed class RunDetailsChoiceTests
{
    private static RunDetails Details(RunStatus status, string reason = "") => new(
        new RunSummary("r1", "grok1-int4", 1, "GROK1", "sim-node-1", "host-a", "mi35x", "online", null, null, status, reason,
            null, null, RunPhase.Benchmark, "cli"),
        [], null, []);

    [Fact]
    public async Task A_terminal_stored_row_wins_and_the_grain_is_not_asked()
    {
        var stored = Details(RunStatus.Succeeded, "stored");
        Assert.Same(stored, RunDetailsChoice.Prefer(stored, Details(RunStatus.Running)));
        var asked = false;
        var chosen = await RunDetailsChoice.PreferAsync(stored, () =>
        {
            asked = true;
            return Task.FromResult<RunDetails?>(null);
        });
        Assert.Same(stored, chosen);
        Assert.False(asked);
    }

    [Theory]
    [InlineData(RunStatus.Queued)]
    [InlineData(RunStatus.Running)]
    public async Task While_the_stored_row_is_not_terminal_the_grain_wins(RunStatus storedStatus)
    {
        var stored = Details(storedStatus);
        var live = Details(RunStatus.Failed, "live");
        Assert.Same(live, RunDetailsChoice.Prefer(stored, live));
        Assert.Same(live, await RunDetailsChoice.PreferAsync(stored, () => Task.FromResult<RunDetails?>(live)));
    }

    [Fact]
    public async Task When_the_run_s_silo_is_down_the_stored_row_answers_and_without_one_the_failure_does()
    {
        var stored = Details(RunStatus.Running, "stored");
        Task<RunDetails?> Down() => Task.FromException<RunDetails?>(new InvalidOperationException("no silo serves node 'gpu-b'"));
        Assert.Same(stored, await RunDetailsChoice.PreferAsync(stored, Down));
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunDetailsChoice.PreferAsync(null, Down));

        // A silo that died a moment ago does not answer at all: the stored row after the time limit, not the call timeout.
        var hung = new TaskCompletionSource<RunDetails?>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Same(stored, await RunDetailsChoice.PreferAsync(stored, () => hung.Task));
        Assert.InRange(clock.Elapsed, RunDetailsChoice.LiveTimeout * 0.9, RunDetailsChoice.LiveTimeout * 3);
    }

    [Fact]
    public async Task Whichever_exists_is_used_when_the_other_is_missing()
    {
        var running = Details(RunStatus.Running);
        Assert.Same(running, RunDetailsChoice.Prefer(running, null));
        Assert.Same(running, RunDetailsChoice.Prefer(null, running));
        Assert.Same(running, await RunDetailsChoice.PreferAsync(null, () => Task.FromResult<RunDetails?>(running)));
        Assert.Null(RunDetailsChoice.Prefer(null, null));
    }
}
