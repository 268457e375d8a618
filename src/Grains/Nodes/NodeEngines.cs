using Microsoft.Extensions.Logging;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Nodes;

/// <summary>
/// The engines this node activation started, by server id. Starting takes minutes on real hardware, so it
/// runs as a plain task and callers poll <see cref="Get"/>; stopping also runs in the background. In memory
/// only: an engine does not outlive its silo's process.
/// </summary>
internal sealed partial class NodeEngines(string nodeName, ILogger logger)
{
    private readonly Dictionary<string, EngineHandle> _engines = new(StringComparer.Ordinal);

    public EngineEndpoint Start(IEngineRuntime runtime, NodeInventory inventory, GpuLease lease, EngineLaunch launch)
    {
        // Checked first: a subset outside the lease is refused before anything starts.
        var gpus = launch.GpusWithin(lease);
        var serverId = $"{launch.RunId}-{Guid.NewGuid().ToString("N")[..8]}";
        var cancellation = new CancellationTokenSource();
        if (launch.StartupTimeout > TimeSpan.Zero)
        {
            cancellation.CancelAfter(launch.StartupTimeout);
        }

        var start = Task.Run(() => runtime.StartAsync(inventory, launch, gpus, cancellation.Token), CancellationToken.None);
        _engines[serverId] = new EngineHandle(serverId, lease.LeaseId, start, cancellation);
        LogEngineStarting(logger, nodeName, serverId, launch.RunId);
        return new EngineEndpoint(serverId, EngineServerStatus.Starting, null, null, null);
    }

    public EngineEndpoint Get(string serverId)
    {
        if (!_engines.TryGetValue(serverId, out var handle))
        {
            return new EngineEndpoint(serverId, EngineServerStatus.Stopped, null, null, $"engine '{serverId}' is not running on node '{nodeName}'");
        }

        var start = handle.Start;
        return start.Status switch
        {
            TaskStatus.RanToCompletion => new EngineEndpoint(serverId, EngineServerStatus.Ready, start.Result.BaseUrl.ToString(), start.Result.LogPath, null),
            TaskStatus.Faulted => new EngineEndpoint(serverId, EngineServerStatus.Failed, null, null, DescribeStartFailure(start.Exception!.GetBaseException(), handle)),
            TaskStatus.Canceled => new EngineEndpoint(serverId, EngineServerStatus.Failed, null, null, DescribeStartFailure(null, handle)),
            _ => new EngineEndpoint(serverId, EngineServerStatus.Starting, null, null, null),
        };
    }

    public void Stop(string serverId)
    {
        if (_engines.Remove(serverId, out var handle))
        {
            StopInBackground(handle);
        }
    }

    /// <summary>GPUs go back only with nothing of the old holder left running on them.</summary>
    public void StopForLease(Guid leaseId)
    {
        foreach (var handle in _engines.Values.Where(h => h.LeaseId == leaseId).ToArray())
        {
            _engines.Remove(handle.ServerId);
            StopInBackground(handle);
        }
    }

    /// <summary>The activation is going away; never leave an engine running unowned.</summary>
    public void StopAll()
    {
        foreach (var handle in _engines.Values)
        {
            StopInBackground(handle);
        }

        _engines.Clear();
    }

    private static string DescribeStartFailure(Exception? error, EngineHandle handle)
    {
        var timedOut = (error is null || error is OperationCanceledException) && handle.Cancellation.IsCancellationRequested;
        return timedOut || error is null ? "engine did not become ready before its startup timeout" : error.Message;
    }

    private void StopInBackground(EngineHandle handle)
    {
        LogEngineStopping(logger, nodeName, handle.ServerId);
        handle.Cancellation.Cancel();
        _ = Task.Run(async () =>
        {
            try
            {
                var server = await handle.Start;
                await server.DisposeAsync();
            }
            catch (Exception) when (!handle.Start.IsCompletedSuccessfully)
            {
                // It never came up; nothing to stop.
            }
            catch (Exception e)
            {
                LogEngineStopFailed(logger, nodeName, handle.ServerId, e);
            }
            finally
            {
                handle.Cancellation.Dispose();
            }
        }, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: starting engine {ServerId} for run {RunId}")]
    private static partial void LogEngineStarting(ILogger logger, string node, string serverId, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: stopping engine {ServerId}")]
    private static partial void LogEngineStopping(ILogger logger, string node, string serverId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: stopping engine {ServerId} failed")]
    private static partial void LogEngineStopFailed(ILogger logger, string node, string serverId, Exception exception);
}
