using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Runs;

/// <summary>Commands run through the node in the engine's environment (the image, or the host for bare metal).</summary>
public sealed partial class RunContext
{
    /// <summary>
    /// Runs <paramref name="command"/> on the run's lease with <paramref name="launch"/>'s image and environment (the plan's
    /// launch when null) and polls it to its end; null when the node gives no answer within the timeout and a margin.
    /// </summary>
    public async Task<EngineExec?> ExecAsync(IReadOnlyList<string> command, TimeSpan timeout, EngineLaunch? launch = null)
    {
        var exec = await Node.StartExec(Lease.LeaseId, launch ?? Plan.Launch, command, timeout);
        var deadline = Time.GetUtcNow() + timeout + TimeSpan.FromSeconds(30);
        while (exec.Status == EngineExecStatus.Running)
        {
            if (Time.GetUtcNow() > deadline)
            {
                return null;
            }

            await Task.Delay(Options.EnginePollInterval, Time, CancellationToken);
            exec = await Node.GetExec(exec.ExecId);
        }

        return exec;
    }
}
