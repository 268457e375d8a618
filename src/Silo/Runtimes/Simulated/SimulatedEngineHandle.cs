using SglangCi.Grains.Runtime;
using SglangCi.SimulatedEngine;

namespace SglangCi.Silo.Runtimes.Simulated;

/// <summary>An in-process simulated engine as the node sees it; disposing stops it, frees its port and closes its server log.</summary>
internal sealed class SimulatedEngineHandle(string serverId, SimulatedEngineServer server, SimulatedServerLog? log, Action<SimulatedEngineHandle> onStopped) : IEngineServer
{
    private int _stopped;

    public string ServerId { get; } = serverId;

    public Uri BaseUrl => server.BaseUrl;

    public string? LogPath => log?.Path;

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            await server.DisposeAsync();
        }
        finally
        {
            if (log is not null)
            {
                await log.DisposeAsync();
            }

            onStopped(this);
        }
    }
}
