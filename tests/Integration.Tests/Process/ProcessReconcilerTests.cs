using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SglangCi.Silo.Runtimes.Processes;

// Not "…Tests.Process": that namespace would hide System.Diagnostics.Process in the other test folders.
namespace SglangCi.Integration.Tests.Processes;

/// <summary>
/// The process runtime's records of its children and what is done with them: a crashed silo's server (its runtime dropped
/// without stopping it) or a hand-recorded process is stopped with its whole tree at the next start and its record deleted;
/// a record whose pid is alive but with another start time (a reused pid: here this test's own) only loses its record;
/// eviction stops the processes of runs that are not live and nothing else.
/// </summary>
[Trait("Category", "Process")]
public sealed class ProcessReconcilerTests : IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(2);

    private readonly string _state = Path.Combine(Path.GetTempPath(), "sglci-process-state-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task A_crashed_silos_server_is_stopped_with_its_tree_at_the_next_start_and_its_record_deleted()
    {
        await using var node = new ProcessTestNode(o => o.StateDirectory = _state);
        using var timeout = new CancellationTokenSource(TestTimeout);
        var childPidFile = Path.Combine(node.Shim.Directory, "child.pid");
        var launch = node.Launch(["--startup-delay-s", "0.2"], environment: new Dictionary<string, string> { [SimulatedEngineShim.ChildPidFileVariable] = childPidFile });
        var server = await node.Runtime.StartAsync(node.Node, launch, [0], timeout.Token);
        var pid = Assert.Single(ProcessTestNode.PidsIn(server.LogPath!));
        var child = int.Parse(await File.ReadAllTextAsync(childPidFile, timeout.Token), CultureInfo.InvariantCulture);

        var (path, record) = Assert.Single(node.Runtime.Records.Read(node.Node.Name));
        Assert.NotNull(record);
        Assert.Equal(Path.Combine(_state, node.Node.Name, $"{pid}.json"), path);
        Assert.Equal((pid, StartTimeOf(pid), launch.RunId, ProcessRecord.ServerRole, node.Node.Name), (record.Pid, record.StartTime, record.RunId, record.Role, record.Node));
        Assert.Contains("sglang.launch_server", record.Command);

        // The silo "crashed": its runtime is gone without stopping anything; the next start has a runtime of its own.
        await using var restarted = new ProcessRuntime(node.Options, TimeProvider.System, NullLogger<ProcessRuntime>.Instance, node.Logs);
        var result = await new ProcessReconciler(restarted, NullLogger<ProcessReconciler>.Instance).ReconcileAllAsync(timeout.Token);

        Assert.Equal(pid, Assert.Single(result.Stopped).Pid);
        Assert.Empty(result.Left);
        Assert.False(ProcessTestNode.IsRunning(pid), $"server pid {pid} is gone");
        Assert.False(ProcessTestNode.IsRunning(child), $"its child {child} (ignores SIGTERM) is gone");
        Assert.False(File.Exists(path), "the record is deleted");
    }

    [Fact]
    public async Task A_recorded_process_tree_is_stopped_and_records_of_gone_or_reused_pids_are_only_deleted()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var records = new ProcessRecords(_state);
        const string Node = "bare-metal-1";
        var pidFile = Path.Combine(_state, "sleeper.pid");
        Directory.CreateDirectory(_state);
        using var leftover = System.Diagnostics.Process.Start("bash", ["-c", $"sleep 600 & echo $! > '{pidFile}'; wait"]);
        await ProcessTestNode.EventuallyAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), TimeSpan.FromSeconds(10), "the sleeper's pid");
        var sleeper = int.Parse(File.ReadAllText(pidFile), CultureInfo.InvariantCulture);
        records.Write(Record(leftover.Id, StartTimeOf(leftover.Id), Node, "run-leftover"));

        // This test's own pid, recorded with another start time: a reused pid, never to be signalled.
        var self = Environment.ProcessId;
        records.Write(Record(self, StartTimeOf(self) + 12345, Node, "run-reused"));

        // A pid that is gone.
        using var gone = System.Diagnostics.Process.Start("true");
        await gone.WaitForExitAsync(timeout.Token);
        records.Write(Record(gone.Id, 1, Node, "run-gone"));

        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { StateDirectory = _state, StopTimeout = TimeSpan.FromSeconds(3) }, TimeProvider.System, NullLogger<ProcessRuntime>.Instance);
        var result = await new ProcessReconciler(runtime, NullLogger<ProcessReconciler>.Instance).ReconcileAsync(Node, timeout.Token);

        Assert.Equal("run-leftover", Assert.Single(result.Stopped).RunId);
        Assert.Equal(2, result.Forgotten);
        Assert.Empty(result.Left);
        await leftover.WaitForExitAsync(timeout.Token);
        Assert.False(ProcessTestNode.IsRunning(sleeper), $"the leftover's child {sleeper} is gone");
        Assert.True(ProcessTestNode.IsRunning(self));
        Assert.Empty(records.Read(Node));
    }

    [Fact]
    public async Task A_record_of_a_silo_process_that_still_lives_elsewhere_is_left_alone()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var records = new ProcessRecords(_state);
        using var other = System.Diagnostics.Process.Start("sleep", ["600"]);
        using var owner = System.Diagnostics.Process.Start("sleep", ["600"]);
        try
        {
            records.Write(Record(other.Id, StartTimeOf(other.Id), "n", "run-elsewhere") with { OwnerPid = owner.Id, OwnerStartTime = StartTimeOf(owner.Id) });
            await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { StateDirectory = _state }, TimeProvider.System, NullLogger<ProcessRuntime>.Instance);

            var result = await new ProcessReconciler(runtime, NullLogger<ProcessReconciler>.Instance).ReconcileAllAsync(timeout.Token);

            Assert.Equal(other.Id, Assert.Single(result.Left).Pid);
            Assert.True(ProcessTestNode.IsRunning(other.Id));
            Assert.Single(records.Read("n"));
        }
        finally
        {
            other.Kill();
            owner.Kill();
        }
    }

    [Fact]
    public async Task Eviction_stops_only_the_processes_of_runs_that_are_not_live()
    {
        await using var node = new ProcessTestNode(o => o.StateDirectory = _state);
        using var timeout = new CancellationTokenSource(TestTimeout);
        var live = node.Launch(["--startup-delay-s", "0.2"]);
        var orphan = node.Launch(["--startup-delay-s", "0.2"]);
        var liveServer = await node.Runtime.StartAsync(node.Node, live, [0], timeout.Token);
        var orphanServer = await node.Runtime.StartAsync(node.Node, orphan, [1], timeout.Token);
        var livePid = Assert.Single(ProcessTestNode.PidsIn(liveServer.LogPath!));
        var orphanPid = Assert.Single(ProcessTestNode.PidsIn(orphanServer.LogPath!));
        Assert.Equal(2, node.Runtime.Records.Read(node.Node.Name).Count);

        var evicted = await node.Runtime.EvictOrphansAsync(node.Node, new HashSet<string>(StringComparer.Ordinal) { live.RunId }, timeout.Token);

        Assert.Contains(orphan.RunId, Assert.Single(evicted), StringComparison.Ordinal);
        Assert.False(ProcessTestNode.IsRunning(orphanPid), $"the orphan's server {orphanPid} is gone");
        Assert.True(ProcessTestNode.IsRunning(livePid), $"the live run's server {livePid} runs");
        Assert.Equal(1, node.Runtime.RunningEngines);
        var (_, kept) = Assert.Single(node.Runtime.Records.Read(node.Node.Name));
        Assert.Equal(live.RunId, kept!.RunId);

        // Start-up reconciliation in the same silo leaves the runtime's own children alone.
        var result = await new ProcessReconciler(node.Runtime, NullLogger<ProcessReconciler>.Instance).ReconcileAllAsync(timeout.Token);
        Assert.Empty(result.Stopped);
        Assert.Equal(livePid, Assert.Single(result.Left).Pid);
        Assert.True(ProcessTestNode.IsRunning(livePid));

        await orphanServer.DisposeAsync(); // the run's own clean-up after the eviction is harmless
        await liveServer.DisposeAsync();
        Assert.False(ProcessTestNode.IsRunning(livePid));
        Assert.Empty(node.Runtime.Records.Read(node.Node.Name));
    }

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    private static ProcessRecord Record(int pid, ulong startTime, string node, string runId) =>
        new(pid, startTime, node, runId, ProcessRecord.ServerRole, ["python3", "-m", "sglang.launch_server"], 0, 0, DateTimeOffset.UtcNow);

    /// <summary>Field 22 of <c>/proc/PID/stat</c> (the 20th after the parenthesised name).</summary>
    private static ulong StartTimeOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return ulong.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19], CultureInfo.InvariantCulture);
    }
}
