using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// One container of ours, created and started, with its log followed into a <see cref="ContainerOutput"/> when one is
/// given. Disposing removes it (forced: a running one is killed) whatever happened; the output stays the caller's to close.
/// </summary>
internal sealed class DockerContainer : IAsyncDisposable, IStartingServer
{
    private static readonly TimeSpan PumpDrain = TimeSpan.FromSeconds(3);

    private readonly IDockerClient _client;
    private readonly DockerRuntimeOptions _options;
    private readonly CancellationTokenSource _pumpCancel = new();
    private int _disposed;

    private DockerContainer(IDockerClient client, DockerRuntimeOptions options, string id, string name, ContainerOutput? output)
    {
        _client = client;
        _options = options;
        Id = id;
        Name = name;
        Output = output;
    }

    public string Id { get; }

    public string Name { get; }

    public ContainerOutput? Output { get; }

    /// <summary>The log follower; ends when the container stops.</summary>
    public Task Pump { get; private set; } = Task.CompletedTask;

    /// <summary>Creates and starts the container; on any failure nothing is left behind and the error is rethrown.</summary>
    public static async Task<DockerContainer> StartAsync(
        IDockerClient client, DockerRuntimeOptions options, CreateContainerParameters spec, ContainerOutput? output, CancellationToken ct)
    {
        var created = await client.Containers.CreateContainerAsync(spec, ct);
        var container = new DockerContainer(client, options, created.ID, spec.Name, output);
        try
        {
            await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
            if (output is not null)
            {
                var logs = await client.Containers.GetContainerLogsAsync(
                    created.ID, false, new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true }, container._pumpCancel.Token);
                container.Pump = Task.Run(async () =>
                {
                    using (logs)
                    {
                        await DockerOutputPump.CopyAsync(logs, output, container._pumpCancel.Token);
                    }
                }, CancellationToken.None);
            }

            return container;
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
    }

    public string Description => $"container {Name}";

    /// <summary>Docker is asked each poll whether it still runs; there is no event to wake on.</summary>
    public Task Ended { get; } = new TaskCompletionSource().Task;

    public async Task<string?> HowItEndedAsync(CancellationToken ct)
    {
        var state = await StateAsync(ct);
        if (state is { Running: true })
        {
            return null;
        }

        await DrainOutputAsync();
        return state is null ? "disappeared"
            : state.OOMKilled ? $"was killed for lack of memory (exit code {state.ExitCode})"
            : $"exited with code {state.ExitCode}{(string.IsNullOrEmpty(state.Error) ? "" : $" ({state.Error})")}";
    }

    /// <summary>Docker's view of the container now; null once it is gone.</summary>
    public async Task<ContainerState?> StateAsync(CancellationToken ct)
    {
        try
        {
            return (await _client.Containers.InspectContainerAsync(Id, ct)).State;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Waits (briefly) for the log follower to take the last lines of a container that stopped.</summary>
    public async Task DrainOutputAsync()
    {
        try
        {
            await Pump.WaitAsync(PumpDrain);
        }
        catch (Exception)
        {
            // A follower that fails or lags only costs lines of the tail.
        }
    }

    /// <summary>Asks the main process to stop (SIGTERM), killing it after <see cref="DockerRuntimeOptions.StopTimeout"/>.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        try
        {
            await _client.Containers.StopContainerAsync(
                Id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Max(0, _options.StopTimeout.TotalSeconds) }, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.ApiTimeout + _options.StopTimeout);
            await _client.Containers.RemoveContainerAsync(Id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, timeout.Token);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone.
        }
        finally
        {
            await DrainOutputAsync();
            await _pumpCancel.CancelAsync();
            try
            {
                await Pump;
            }
            catch (Exception)
            {
                // Cancelled or broken follower: the container is gone either way.
            }

            _pumpCancel.Dispose();
            if (Output is not null)
            {
                await Output.NoteAsync($"container {Name} removed");
            }
        }
    }
}
