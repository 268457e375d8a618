using SglangCi.Grains.Runtime;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Silo.Runtimes.Processes;

/// <summary>A server process as the node sees it. Stopping sends SIGTERM to its whole process tree (then kills it); disposing stops it, closes its log and frees its port.</summary>
internal sealed class ProcessEngineServer(string serverId, LocalProcess process, ContainerOutput output, Uri baseUrl, TimeSpan stopTimeout, Func<ProcessEngineServer, Task> onDisposed)
    : IEngineServer
{
    private int _disposed;

    public string ServerId { get; } = serverId;

    public int Pid => process.Pid;

    public Uri BaseUrl { get; } = baseUrl;

    public string? LogPath => output.Path;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await output.NoteAsync($"stopping server process {ServerId} (pid {process.Pid})");
        await process.StopAsync(stopTimeout, cancellationToken);
        await output.NoteAsync(process.HasExited ? $"server process {ServerId} ended with code {process.ExitCode}" : $"server process {ServerId} was killed");
    }

    /// <summary>Kills the whole tree at once (the silo is exiting).</summary>
    public void KillNow() => process.KillNow();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(stopTimeout + TimeSpan.FromSeconds(30));
            await StopAsync(timeout.Token);
        }
        finally
        {
            try
            {
                await process.DisposeAsync();
            }
            finally
            {
                await output.DisposeAsync();
                await onDisposed(this);
            }
        }
    }
}
