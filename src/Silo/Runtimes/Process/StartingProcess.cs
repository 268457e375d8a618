namespace SglangCi.Silo.Runtimes.Processes;

/// <summary>A server process as <see cref="EngineReadiness"/> watches it start: named by server id and pid, woken when it exits.</summary>
internal sealed class StartingProcess(string serverId, LocalProcess process) : IStartingServer
{
    public string Description => $"server process {serverId} (pid {process.Pid})";

    public Task Ended => process.Exited;

    public async Task<string?> HowItEndedAsync(CancellationToken ct)
    {
        if (!process.HasExited)
        {
            return null;
        }

        await process.DrainOutputAsync();
        return $"exited with code {process.ExitCode}";
    }
}
