using SglangCi.Grains.Runtime;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>A server container as the node sees it. Stopping sends SIGTERM (then kills); disposing stops, removes the container, closes its log and frees its port.</summary>
internal sealed class DockerEngineServer(DockerContainer container, ContainerOutput output, Uri baseUrl, Func<DockerEngineServer, Task> onDisposed) : IEngineServer
{
    private int _disposed;

    public string ServerId => container.Name;

    public string ContainerId => container.Id;

    public Uri BaseUrl { get; } = baseUrl;

    public string? LogPath => output.Path;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await output.NoteAsync($"stopping container {container.Name}");
        await container.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await StopAsync(timeout.Token);
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            // Removal below kills it anyway.
        }
        finally
        {
            try
            {
                await container.DisposeAsync();
            }
            finally
            {
                await output.DisposeAsync();
                await onDisposed(this);
            }
        }
    }
}
