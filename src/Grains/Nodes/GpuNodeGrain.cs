using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Placement;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Nodes;

/// <summary>
/// One GPU host. The only way to get its GPUs: a FIFO queue of lease requests, an idle check before every
/// grant, expiry of leases whose holder stopped renewing, and the engines started under each lease.
/// </summary>
[NodeSiloPlacement]
public sealed partial class GpuNodeGrain(
    [PersistentState("state", ClusterIdentity.StorageName)] IPersistentState<GpuNodeState> state,
    IEngineRuntimeResolver runtimes,
    IOptions<GpuNodeOptions> options,
    TimeProvider time,
    ILocalSiloDetails silo,
    ILogger<GpuNodeGrain> logger) : Grain, IGpuNodeGrain
{
    private readonly Dictionary<string, EngineHandle> _engines = new(StringComparer.Ordinal);
    private GpuSnapshot? _lastProbe;

    private GpuNodeOptions Options => options.Value;

    private string NodeName => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Keep-alive: a node with leases must stay active to expire them; nodes are few, so always.
        this.RegisterGrainTimer(
            SweepAsync,
            new GrainTimerCreationOptions(Options.ExpiryCheckPeriod, Options.ExpiryCheckPeriod) { KeepAlive = true });

        if (state.State.Leases.Count > 0)
        {
            // A fresh activation with leases usually means this silo restarted. Nudge each holder so a run
            // that died with it recovers (marks itself interrupted and releases) instead of waiting for
            // expiry. Off the turn: the holder calls back into this grain to release.
            var holders = state.State.Leases.Select(l => l.Lease.RunId).Distinct().ToArray();
            var grains = GrainFactory;
            _ = Task.Run(async () =>
            {
                foreach (var runId in holders)
                {
                    try
                    {
                        await grains.GetGrain<IRunGrain>(runId).GetSummary();
                    }
                    catch (Exception e)
                    {
                        LogHolderNudgeFailed(logger, NodeName, runId, e);
                    }
                }
            }, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Engines live in this activation's memory; never leave one running unowned.
        foreach (var handle in _engines.Values)
        {
            StopInBackground(handle);
        }

        _engines.Clear();
        return Task.CompletedTask;
    }

    public async Task Configure(NodeInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (inventory.Name != NodeName)
        {
            throw new ArgumentException($"node '{NodeName}': inventory Name '{inventory.Name}' does not match the node key");
        }

        if (inventory.GpuCount < 1)
        {
            throw new ArgumentException($"node '{NodeName}': GpuCount must be at least 1 (got {inventory.GpuCount})");
        }

        if (string.IsNullOrWhiteSpace(inventory.Hardware) || string.IsNullOrWhiteSpace(inventory.Host))
        {
            throw new ArgumentException($"node '{NodeName}': Hardware and Host are required");
        }

        _ = runtimes.Resolve(inventory.Runtime); // fails clearly when this silo cannot drive the runtime
        state.State.Inventory = inventory;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ICatalogGrain>(ICatalogGrain.Key).Register(CatalogKind.Node, NodeName);
    }

    public Task<NodeStatus> GetStatus() => Task.FromResult(new NodeStatus(
        state.State.Inventory,
        state.State.Leases.Select(l => l.Lease).ToArray(),
        state.State.Queue.Select(q => q.RunId).ToArray(),
        _lastProbe,
        silo.Name));

    public async Task<LeaseResponse> RequestLease(LeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inventory = state.State.Inventory;
        if (inventory is null)
        {
            return LeaseResponse.Refused($"node '{NodeName}' is not configured");
        }

        if (request.GpuCount < 1 || request.GpuCount > inventory.GpuCount)
        {
            return LeaseResponse.Refused($"node '{NodeName}' has {inventory.GpuCount} GPU(s); run '{request.RunId}' asked for {request.GpuCount}");
        }

        if (request.TimeToLive <= TimeSpan.Zero)
        {
            return LeaseResponse.Refused($"lease time-to-live must be positive (got {request.TimeToLive})");
        }

        var now = time.GetUtcNow();
        var held = state.State.Leases.FirstOrDefault(l => l.Lease.RunId == request.RunId);
        if (held is not null)
        {
            // Asking again (a retried call, a resumed pipeline) returns the lease it already has.
            return LeaseResponse.Granted(held.Lease);
        }

        var position = state.State.Queue.FindIndex(q => q.RunId == request.RunId);
        if (position < 0)
        {
            state.State.Queue.Add(new QueuedLease(request.RunId, request.GpuCount, request.TimeToLive, now, now));
            position = state.State.Queue.Count - 1;
            await state.WriteStateAsync();
        }
        else
        {
            // Only in memory: a waiter polls every second, persisting each poll would be pure write load.
            state.State.Queue[position] = state.State.Queue[position] with { LastSeenAt = now };
        }

        if (position > 0)
        {
            return LeaseResponse.Waiting(position + 1, $"waiting behind {position} run(s); first in line: {state.State.Queue[0].RunId}");
        }

        var leased = state.State.Leases.SelectMany(l => l.Lease.Gpus).ToHashSet();
        if (inventory.GpuCount - leased.Count < request.GpuCount)
        {
            return LeaseResponse.Waiting(1, $"needs {request.GpuCount} GPU(s); {leased.Count} of {inventory.GpuCount} are leased");
        }

        GpuSnapshot snapshot;
        try
        {
            using var timeout = new CancellationTokenSource(Options.ProbeTimeout);
            snapshot = await runtimes.Resolve(inventory.Runtime).ProbeGpusAsync(inventory, timeout.Token);
            _lastProbe = snapshot;
        }
        catch (Exception e)
        {
            LogProbeFailed(logger, NodeName, e);
            return LeaseResponse.Waiting(1, $"GPU probe failed: {e.Message}");
        }

        var (gpus, reason) = GpuAllocator.Pick(request.GpuCount, inventory.GpuCount, leased, snapshot, Options.BusyThresholdPercent);
        if (gpus is null)
        {
            return LeaseResponse.Waiting(1, reason!);
        }

        now = time.GetUtcNow();
        var lease = new GpuLease(Guid.NewGuid(), NodeName, request.RunId, gpus, now, now + request.TimeToLive);
        state.State.Queue.RemoveAt(0);
        state.State.Leases.Add(new ActiveLease(lease, request.TimeToLive));
        state.State.History.Add(new LeaseHistoryEntry(lease.LeaseId, lease.RunId, lease.Gpus, lease.GrantedAt, null, null));
        TrimHistory();
        await state.WriteStateAsync();
        LogGranted(logger, NodeName, lease.RunId, string.Join(",", gpus));
        return LeaseResponse.Granted(lease);
    }

    public async Task<bool> RenewLease(Guid leaseId)
    {
        var index = state.State.Leases.FindIndex(l => l.Lease.LeaseId == leaseId);
        if (index < 0)
        {
            return false;
        }

        var active = state.State.Leases[index];
        var now = time.GetUtcNow();
        if (active.Lease.ExpiresAt <= now)
        {
            // Expired but not yet swept: the holder lost it; renewing would resurrect a lease others may now need.
            await EndLeaseAsync(active, "expired");
            return false;
        }

        state.State.Leases[index] = active with { Lease = active.Lease with { ExpiresAt = now + active.TimeToLive } };
        await state.WriteStateAsync();
        return true;
    }

    public async Task ReleaseLease(Guid leaseId, string reason)
    {
        var active = state.State.Leases.FirstOrDefault(l => l.Lease.LeaseId == leaseId);
        if (active is null)
        {
            return;
        }

        state.State.Queue.RemoveAll(q => q.RunId == active.Lease.RunId);
        await EndLeaseAsync(active, string.IsNullOrWhiteSpace(reason) ? "released" : reason);
    }

    public async Task LeaveQueue(string runId)
    {
        if (state.State.Queue.RemoveAll(q => q.RunId == runId) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<LeaseHistoryEntry>> GetLeaseHistory() =>
        Task.FromResult<IReadOnlyList<LeaseHistoryEntry>>(state.State.History.ToArray());

    public Task<EngineEndpoint> StartEngine(Guid leaseId, EngineLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var inventory = state.State.Inventory ?? throw new InvalidOperationException($"node '{NodeName}' is not configured");
        var active = state.State.Leases.FirstOrDefault(l => l.Lease.LeaseId == leaseId)
            ?? throw new InvalidOperationException($"lease {leaseId} is not active on node '{NodeName}'");
        if (active.Lease.RunId != launch.RunId)
        {
            throw new InvalidOperationException($"lease {leaseId} belongs to run '{active.Lease.RunId}', not '{launch.RunId}'");
        }

        var runtime = runtimes.Resolve(inventory.Runtime);
        var serverId = $"{launch.RunId}-{Guid.NewGuid().ToString("N")[..8]}";
        var cancellation = new CancellationTokenSource();
        if (launch.StartupTimeout > TimeSpan.Zero)
        {
            cancellation.CancelAfter(launch.StartupTimeout);
        }

        // Starting an engine takes minutes on real hardware: run it as a plain task, report through GetEngine.
        var gpus = active.Lease.Gpus;
        var start = Task.Run(() => runtime.StartAsync(inventory, launch, gpus, cancellation.Token), CancellationToken.None);
        _engines[serverId] = new EngineHandle(serverId, leaseId, start, cancellation);
        LogEngineStarting(logger, NodeName, serverId, launch.RunId);
        return Task.FromResult(new EngineEndpoint(serverId, EngineServerStatus.Starting, null, null, null));
    }

    public Task<EngineEndpoint> GetEngine(string serverId)
    {
        if (!_engines.TryGetValue(serverId, out var handle))
        {
            return Task.FromResult(new EngineEndpoint(serverId, EngineServerStatus.Stopped, null, null, $"engine '{serverId}' is not running on node '{NodeName}'"));
        }

        var start = handle.Start;
        var endpoint = start.Status switch
        {
            TaskStatus.RanToCompletion => new EngineEndpoint(serverId, EngineServerStatus.Ready, start.Result.BaseUrl.ToString(), start.Result.LogPath, null),
            TaskStatus.Faulted => new EngineEndpoint(serverId, EngineServerStatus.Failed, null, null, DescribeStartFailure(start.Exception!.GetBaseException(), handle)),
            TaskStatus.Canceled => new EngineEndpoint(serverId, EngineServerStatus.Failed, null, null, DescribeStartFailure(null, handle)),
            _ => new EngineEndpoint(serverId, EngineServerStatus.Starting, null, null, null),
        };
        return Task.FromResult(endpoint);
    }

    public Task StopEngine(string serverId)
    {
        if (_engines.Remove(serverId, out var handle))
        {
            StopInBackground(handle);
        }

        return Task.CompletedTask;
    }

    private static string DescribeStartFailure(Exception? error, EngineHandle handle)
    {
        var timedOut = (error is null || error is OperationCanceledException) && handle.Cancellation.IsCancellationRequested;
        return timedOut || error is null ? "engine did not become ready before its startup timeout" : error.Message;
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = false;
        foreach (var expired in state.State.Leases.Where(l => l.Lease.ExpiresAt <= now).ToArray())
        {
            LogExpired(logger, NodeName, expired.Lease.RunId, expired.Lease.LeaseId);
            EndLease(expired, "expired", now);
            changed = true;
        }

        // A waiter that stopped asking for longer than its time-to-live is gone; let the next one move up.
        changed |= state.State.Queue.RemoveAll(q => q.LastSeenAt + q.TimeToLive <= now) > 0;
        if (changed)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    private async Task EndLeaseAsync(ActiveLease active, string reason)
    {
        EndLease(active, reason, time.GetUtcNow());
        await state.WriteStateAsync();
    }

    private void EndLease(ActiveLease active, string reason, DateTimeOffset now)
    {
        var leaseId = active.Lease.LeaseId;
        state.State.Leases.Remove(active);
        var index = state.State.History.FindLastIndex(h => h.LeaseId == leaseId);
        var ended = new LeaseHistoryEntry(leaseId, active.Lease.RunId, active.Lease.Gpus, active.Lease.GrantedAt, now, reason);
        if (index >= 0)
        {
            state.State.History[index] = ended;
        }
        else
        {
            state.State.History.Add(ended);
            TrimHistory();
        }

        // GPUs go back only with nothing of the old holder left running on them.
        foreach (var handle in _engines.Values.Where(h => h.LeaseId == leaseId).ToArray())
        {
            _engines.Remove(handle.ServerId);
            StopInBackground(handle);
        }
    }

    private void TrimHistory()
    {
        var excess = state.State.History.Count - Math.Max(1, Options.HistoryLimit);
        if (excess > 0)
        {
            state.State.History.RemoveRange(0, excess);
        }
    }

    private void StopInBackground(EngineHandle handle)
    {
        LogEngineStopping(logger, NodeName, handle.ServerId);
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
                LogEngineStopFailed(logger, NodeName, handle.ServerId, e);
            }
            finally
            {
                handle.Cancellation.Dispose();
            }
        }, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: granted GPUs {Gpus} to run {RunId}")]
    private static partial void LogGranted(ILogger logger, string node, string runId, string gpus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: lease {LeaseId} of run {RunId} expired (not renewed)")]
    private static partial void LogExpired(ILogger logger, string node, string runId, Guid leaseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: GPU probe failed")]
    private static partial void LogProbeFailed(ILogger logger, string node, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: starting engine {ServerId} for run {RunId}")]
    private static partial void LogEngineStarting(ILogger logger, string node, string serverId, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: stopping engine {ServerId}")]
    private static partial void LogEngineStopping(ILogger logger, string node, string serverId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: stopping engine {ServerId} failed")]
    private static partial void LogEngineStopFailed(ILogger logger, string node, string serverId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: could not reach lease holder {RunId} after activation")]
    private static partial void LogHolderNudgeFailed(ILogger logger, string node, string runId, Exception exception);
}
