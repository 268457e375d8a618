using SglangCi.Grains.Runtime;
using SglangCi.SimulatedEngine;

namespace SglangCi.Silo.Runtimes.Simulated;

/// <summary>An in-process simulated engine as the node sees it; disposing stops it and frees its port.</summary>
internal sealed class SimulatedEngineHandle(string serverId, SimulatedEngineServer server, Action<SimulatedEngineHandle> onStopped) : IEngineServer
{
    private int _stopped;

    public string ServerId { get; } = serverId;

    public Uri BaseUrl => server.BaseUrl;

    public string? LogPath => null;

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
            onStopped(this);
        }
    }
}
