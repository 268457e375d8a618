using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SglangCi.Grains.Runs;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Interfaces.Nodes;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>
/// A Docker node of its own for one test: a unique node name (so its containers are told apart from any other test's),
/// a <see cref="DockerRuntime"/> on the test's dockerd with servers on 127.0.0.1 from a free port on, run logs in a temp
/// folder, and a check that no container of the node is left.
/// </summary>
public sealed class DockerTestNode : IAsyncDisposable
{
    public DockerTestNode(Action<DockerRuntimeOptions>? configure = null)
    {
        Node = new NodeInventory($"docker-test-{Guid.NewGuid().ToString("N")[..8]}", "sim", "localhost", 8, EngineRuntimeKind.Docker);
        LogRoot = Path.Combine(Path.GetTempPath(), "sglci-docker-tests", Node.Name);
        Options = new DockerRuntimeOptions
        {
            ServerHost = "127.0.0.1",
            FirstServerPort = FreePorts.Take(1)[0],
            ServerPortCount = 50,
            ReadinessPollInterval = TimeSpan.FromMilliseconds(200),
            PullRetries = 1,
            PullRetryDelay = TimeSpan.FromMilliseconds(200),
            StopTimeout = TimeSpan.FromSeconds(5),
            ShmSizeBytes = 256L << 20,
            GpuVendor = SglangCi.Silo.Runtimes.Docker.GpuVendor.None,
            ReconcileOnStart = false,
        };
        configure?.Invoke(Options);
        Connection = new DockerConnection(Options);
        Logs = new RunLogFiles(LogRoot);
        Runtime = new DockerRuntime(Connection, Options, TimeProvider.System, NullLogger<DockerRuntime>.Instance, Logs);
    }

    public NodeInventory Node { get; }

    public string LogRoot { get; }

    public DockerRuntimeOptions Options { get; }

    public DockerConnection Connection { get; }

    public IDockerClient Client => Connection.Client;

    public RunLogFiles Logs { get; }

    public DockerRuntime Runtime { get; }

    public EngineLaunch Launch(string image, IReadOnlyList<string> serverArgs, TimeSpan? startupTimeout = null, string? runId = null) =>
        new(runId ?? $"run-{Guid.NewGuid().ToString("N")[..8]}", image, "/models/simulated", serverArgs, new Dictionary<string, string>(), startupTimeout ?? TimeSpan.FromSeconds(60));

    /// <summary>Containers (running or not) labelled with this node's name.</summary>
    public async Task<IList<ContainerListResponse>> ContainersAsync() =>
        await Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = DockerLabels.Filter(Node.Name) });

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();

        // Never leave a test's container behind, whatever the test did.
        foreach (var container in await ContainersAsync())
        {
            await Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }

        Connection.Dispose();
        if (Directory.Exists(LogRoot))
        {
            Directory.Delete(LogRoot, recursive: true);
        }
    }
}
