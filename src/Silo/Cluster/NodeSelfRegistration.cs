using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Silo.Cluster;

/// <summary>
/// A cluster-mode silo tells the cluster what its node is (the <c>SglangCi:Node</c> settings; its partitions, in a
/// simulation) every time it starts: the node grain, pinned to this silo, takes the inventory and lists itself in the catalog. Re-sending an unchanged
/// inventory changes nothing, and a changed one (more GPUs, another runtime) takes effect with the restart that brought it.
/// </summary>
internal sealed partial class NodeSelfRegistration(
    IGrainFactory grains,
    IReadOnlyList<NodeInventory> nodes,
    IHostApplicationLifetime lifetime,
    ILogger<NodeSelfRegistration> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need the silo to be active, which it is once the host has started.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        foreach (var inventory in nodes)
        {
            await RegisterAsync(inventory, stoppingToken);
        }
    }

    private async Task RegisterAsync(NodeInventory inventory, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<IGpuNodeGrain>(inventory.Name).Configure(inventory);
                LogRegistered(logger, inventory.Name, inventory.Hardware, inventory.GpuCount, inventory.Runtime);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The node grain may not be placeable for a moment (membership still spreading this silo's arrival).
                LogRetrying(logger, inventory.Name, e.Message);
                await Task.Delay(RetryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered node {Node}: {Hardware}, {Gpus} GPUs, runtime {Runtime}")]
    private static partial void LogRegistered(ILogger logger, string node, string hardware, int gpus, EngineRuntimeKind runtime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register node {Node} yet ({Reason}); retrying")]
    private static partial void LogRetrying(ILogger logger, string node, string reason);
}
