using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Silo.Runtimes;

/// <summary>
/// The start of one engine server, whatever runs it (a container, a local process): reserve its port, start it, wait
/// until it serves (<see cref="EngineReadiness"/>), hand it over; on any failure note why in its log, clean up what was
/// started, free the port and throw <see cref="EngineStartException"/>. A runtime supplies only how to start, watch,
/// hand over and clean up its kind of server.
/// </summary>
internal sealed class EngineServerStartup(EngineServerOptions options, TimeProvider time) : IDisposable
{
    private readonly DockerServerPorts _ports = new(options);
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <param name="what">The kind of thing that runs the server, for the error message (<c>container</c>, <c>process</c>).</param>
    /// <param name="start">Starts the server on the given port; returns what runs it (cleaning up itself if it fails half-way).</param>
    /// <param name="watch">What readiness watches for an early end.</param>
    /// <param name="handOver">Wraps the ready server; the action frees its port and must run when the server ends.</param>
    /// <param name="cleanUp">Stops and removes what <paramref name="start"/> returned (null when it never returned).</param>
    public async Task<IEngineServer> StartAsync<TRunning>(
        EngineLaunch launch,
        ContainerOutput output,
        string what,
        Func<int, Task<TRunning>> start,
        Func<TRunning, IStartingServer> watch,
        Func<TRunning, Uri, Action, IEngineServer> handOver,
        Func<TRunning?, Task> cleanUp,
        CancellationToken ct)
        where TRunning : class
    {
        int port;
        try
        {
            port = _ports.Reserve(launch.ServerArgs);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            await output.NoteAsync($"cannot start: {e.Message}");
            await output.DisposeAsync();
            throw new EngineStartException(e.Message, e);
        }

        TRunning? running = null;
        try
        {
            running = await start(port);
            var baseUrl = new Uri($"http://{options.EffectiveClientHost}:{port}/");
            var timeout = launch.StartupTimeout > TimeSpan.Zero ? launch.StartupTimeout : options.DefaultStartupTimeout;
            var watched = watch(running);
            await new EngineReadiness(_http, options, time).WaitAsync(watched, output, baseUrl, timeout, ct);
            await output.NoteAsync($"{watched.Description} is ready at {baseUrl}");
            return handOver(running, baseUrl, () => _ports.Release(port));
        }
        catch (Exception e)
        {
            await output.NoteAsync($"start failed: {e.Message}");
            await cleanUp(running);
            await output.DisposeAsync();
            _ports.Release(port);
            if (e is EngineStartException || (e is OperationCanceledException && ct.IsCancellationRequested))
            {
                throw;
            }

            throw new EngineStartException($"engine {what} for run {launch.RunId} could not start: {e.Message}", e);
        }
    }

    public void Dispose() => _http.Dispose();
}
