using Docker.DotNet;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// This silo's Docker engine client, created on first use (a silo without Docker nodes never connects). The endpoint is
/// <see cref="DockerRuntimeOptions.ResolveEndpoint"/>; plain API calls time out after <see cref="DockerRuntimeOptions.ApiTimeout"/>
/// (Docker.DotNet leaves streams — pulls, logs, exec output — without a client timeout).
/// </summary>
public sealed class DockerConnection : IDisposable
{
    private readonly Lazy<DockerClient> _client;

    public DockerConnection(DockerRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Endpoint = options.ResolveEndpoint();
        _client = new Lazy<DockerClient>(() => new DockerClientConfiguration(Endpoint, defaultTimeout: options.ApiTimeout).CreateClient());
    }

    public Uri Endpoint { get; }

    public IDockerClient Client => _client.Value;

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}
