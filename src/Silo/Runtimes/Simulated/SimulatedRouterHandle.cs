using SglangCi.Grains.Runtime;
using SglangCi.SimulatedEngine.Router;

namespace SglangCi.Silo.Runtimes.Simulated;

/// <summary>An in-process simulated PD router as the node sees it; disposing stops it and frees its port.</summary>
internal sealed class SimulatedRouterHandle(string serverId, SimulatedPdRouter router, Action<string> onStopped) : IEngineServer
{
    public string ServerId { get; } = serverId;

    public Uri BaseUrl => router.BaseUrl;

    public string? LogPath => null;

    public Task StopAsync(CancellationToken cancellationToken) => router.DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await router.DisposeAsync();
        }
        finally
        {
            onStopped(ServerId);
        }
    }
}
