using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// On silo start-up, removes this node's leftover containers of ours (<see cref="DockerReconciler"/>) before any run
/// can start one. The node is <c>SglangCi:Cluster:NodeName</c>. A node without Docker is not an error: the attempt is
/// logged and start-up goes on; it is bounded by <see cref="DockerRuntimeOptions.ApiTimeout"/>.
/// </summary>
internal sealed partial class DockerReconcileHostedService(
    DockerReconciler reconciler, IOptions<DockerRuntimeOptions> options, IConfiguration configuration, ILogger<DockerReconcileHostedService> logger) : IHostedService
{
    public const string NodeNameKey = "SglangCi:Cluster:NodeName";
    public const string DefaultNodeName = "sim-node-1";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ReconcileOnStart)
        {
            return;
        }

        var node = configuration[NodeNameKey] is { Length: > 0 } configured ? configured : DefaultNodeName;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ApiTimeout);
        try
        {
            var removed = await reconciler.ReconcileAsync(node, timeout.Token);
            if (removed.Count > 0)
            {
                LogReconciled(logger, node, removed.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, node, e.GetBaseException().Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: removed {Count} leftover container(s) of ours at start-up")]
    private static partial void LogReconciled(ILogger logger, string node, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Node}: no leftover containers checked, Docker did not answer: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string node, string reason);
}
