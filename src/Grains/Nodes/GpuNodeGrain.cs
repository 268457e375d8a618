using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Placement;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Nodes;

/// <summary>
/// One GPU host. The only way to get its GPUs: a FIFO queue of lease requests, an idle check before every
/// grant, expiry of leases whose holder stopped renewing, and the engines started under each lease. This
/// class only orchestrates and persists: the rules live in <see cref="GpuAllocator"/>, the GPU probe in
/// <see cref="NodeProbe"/> (off the turn) and the engines in <see cref="NodeEngines"/>.
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
    public const string LeftQueueReason = "left queue";

    private NodeEngines? _engines;
    private NodeExecs? _execs;
    private NodeProbe? _probe;
    private NodeEviction? _eviction;
    private string? _waitReason;
    private IGrainTimer? _sweep;

    private GpuNodeOptions Options => options.Value;

    private string NodeName => this.GetPrimaryKeyString();

    private GpuAllocator Allocator => new(state.State, Options.HistoryLimit);

    private NodeEngines Engines => _engines ??= new NodeEngines(NodeName, logger);

    private NodeExecs Execs => _execs ??= new NodeExecs(
        NodeName,
        Options.ExecLogDirectory ?? Path.Combine(Path.GetTempPath(), "sglang-ci", "exec", NodeName),
        logger);

    private NodeProbe Probe => _probe ??= new NodeProbe(NodeName, runtimes, Options, time, logger);

    private NodeEviction Eviction => _eviction ??= new NodeEviction(NodeName, runtimes, Options, time, logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Only a configured node sweeps (and so stays active); a mistyped name is an ordinary idle grain.
        if (state.State.Inventory is not null || state.State.Leases.Count > 0 || state.State.Queue.Count > 0)
        {
            EnsureSweep();
        }

        if (state.State.Leases.Count > 0)
        {
            // A fresh activation with leases usually means this silo restarted: let each holder find out.
            LeaseHolderNudge.Start(GrainFactory, NodeName, state.State.Leases.Select(l => l.Lease.RunId).Distinct().ToArray(), logger);
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _engines?.StopAll();
        _execs?.StopAll();
        return Task.CompletedTask;
    }

    public async Task Configure(NodeInventory inventory)
    {
        NodeInventoryRules.Validate(NodeName, inventory, Allocator.MinimumGpuCount(), runtimes);

        state.State.Inventory = inventory;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ICatalogGrain>(ICatalogGrain.Key).Register(CatalogKind.Node, NodeName);
        EnsureSweep();
    }

    public Task<NodeStatus> GetStatus()
    {
        _probe?.Collect();
        var last = _probe?.Last;
        var busy = last is not null && state.State.Inventory is { } inventory
            ? GpuAllocator.BusyUnleased(inventory.GpuCount, Allocator.LeasedGpus(), last, Options.BusyThresholdPercent)
            : null;
        return Task.FromResult(new NodeStatus(
            state.State.Inventory,
            state.State.Leases.Select(l => l.Lease).ToArray(),
            state.State.Queue.Select(q => q.RunId).ToArray(),
            last,
            silo.Name,
            busy,
            state.State.Queue.Count > 0 ? _waitReason : null));
    }

    public async Task<LeaseResponse> RequestLease(LeaseRequest request)
    {
        if (NodeInventoryRules.Refusal(NodeName, state.State.Inventory, request) is { } refusal)
        {
            return LeaseResponse.Refused(refusal);
        }

        await CollectEvictionAsync();
        var allocator = Allocator;
        if (allocator.HeldBy(request.RunId) is { } held)
        {
            // Asking again (a retried call, a resumed pipeline) returns the lease it already has.
            return LeaseResponse.Granted(held.Lease);
        }

        var now = time.GetUtcNow();
        var (position, added) = allocator.Enqueue(request, now);
        if (added)
        {
            // Only a new place is persisted: a waiter polls every second, persisting each poll would be pure write load.
            await state.WriteStateAsync();
        }

        var leased = allocator.LeasedGpus();
        var inventory = state.State.Inventory!; // checked by Refusal above
        if (allocator.MustWait(request, position, inventory.GpuCount, leased) is { } waiting)
        {
            return position == 0 ? HeadWaits(waiting) : waiting;
        }

        // The idle check uses a probe taken after this request arrived; the probe itself never runs on this turn.
        var since = allocator.Queue[0].EnqueuedAt;
        var snapshot = Probe.FreshSince(since, now);
        if (snapshot is null)
        {
            Probe.Start(inventory);
            return HeadWaits(LeaseResponse.Waiting(1, Probe.ErrorSince(since) ?? "probing GPUs"));
        }

        var (gpus, reason) = GpuAllocator.Pick(request.GpuCount, inventory.GpuCount, leased, snapshot, Options.BusyThresholdPercent);
        if (gpus is null)
        {
            // Look again (throttled), so GPUs that free up are seen by a later request.
            Probe.Start(inventory);
            var busy = GpuAllocator.BusyUnleased(inventory.GpuCount, leased, snapshot, Options.BusyThresholdPercent);
            if (busy.Count == 0)
            {
                return HeadWaits(LeaseResponse.Waiting(1, reason!));
            }

            // GPUs in use that no lease of ours holds: foreign work (reported, waited for) or a leftover of ours (evicted).
            Eviction.Start(inventory, allocator.Leases.Select(l => l.Lease.RunId).ToHashSet(StringComparer.Ordinal), [.. busy.Select(b => b.Index)]);
            return HeadWaits(LeaseResponse.WaitingForBusyGpus(reason!, busy));
        }

        _waitReason = null;
        var lease = allocator.Grant(NodeName, request, gpus, time.GetUtcNow());
        await state.WriteStateAsync();
        LogGranted(logger, NodeName, lease.RunId, string.Join(",", gpus));
        return LeaseResponse.Granted(lease);
    }

    public async Task<bool> RenewLease(Guid leaseId)
    {
        var allocator = Allocator;
        if (allocator.Find(leaseId) is not { } active)
        {
            return false;
        }

        if (allocator.Renew(active, time.GetUtcNow()))
        {
            await state.WriteStateAsync();
            return true;
        }

        // Expired but not yet swept: the holder lost it; renewing would resurrect a lease others may now need.
        await EndAsync(active, "expired");
        return false;
    }

    public async Task ReleaseLease(Guid leaseId, string reason)
    {
        if (Allocator.Find(leaseId) is { } active)
        {
            await EndAsync(active, string.IsNullOrWhiteSpace(reason) ? "released" : reason);
        }
    }

    public async Task LeaveQueue(string runId)
    {
        // A run that leaves holds nothing any more, a lease granted behind its back included (e.g. a grant
        // whose answer was lost when the run's silo died).
        var (ended, changed) = Allocator.Leave(runId, LeftQueueReason, time.GetUtcNow());
        foreach (var active in ended)
        {
            Engines.StopForLease(active.Lease.LeaseId);
            _execs?.StopForLease(active.Lease.LeaseId);
        }

        if (changed)
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
        var active = Allocator.Find(leaseId) ?? throw new InvalidOperationException($"lease {leaseId} is not active on node '{NodeName}'");
        if (active.Lease.RunId != launch.RunId)
        {
            throw new InvalidOperationException($"lease {leaseId} belongs to run '{active.Lease.RunId}', not '{launch.RunId}'");
        }

        return Task.FromResult(Engines.Start(runtimes.Resolve(inventory.Runtime), inventory, active.Lease, launch));
    }

    public Task<EngineEndpoint> GetEngine(string serverId) => Task.FromResult(Engines.Get(serverId));

    public Task<EngineExec> StartExec(Guid leaseId, EngineLaunch launch, IReadOnlyList<string> command, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0)
        {
            throw new ArgumentException("the command is empty", nameof(command));
        }

        var inventory = state.State.Inventory ?? throw new InvalidOperationException($"node '{NodeName}' is not configured");
        var active = Allocator.Find(leaseId) ?? throw new InvalidOperationException($"lease {leaseId} is not active on node '{NodeName}'");
        if (active.Lease.RunId != launch.RunId)
        {
            throw new InvalidOperationException($"lease {leaseId} belongs to run '{active.Lease.RunId}', not '{launch.RunId}'");
        }

        return Task.FromResult(Execs.Start(runtimes.Resolve(inventory.Runtime), inventory, active.Lease, launch, command, timeout));
    }

    public Task<EngineExec> GetExec(string execId) => Task.FromResult(Execs.Get(execId));

    public Task StopEngine(string serverId)
    {
        Engines.Stop(serverId);
        return Task.CompletedTask;
    }

    // Keep-alive: a configured node must stay active to expire leases and drop dead waiters; nodes are few.
    private void EnsureSweep() => _sweep ??= this.RegisterGrainTimer(
            SweepAsync,
            new GrainTimerCreationOptions(Options.ExpiryCheckPeriod, Options.ExpiryCheckPeriod) { KeepAlive = true });

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        await CollectEvictionAsync();
        var (expired, changed) = Allocator.Sweep(time.GetUtcNow());
        foreach (var lease in expired)
        {
            LogExpired(logger, NodeName, lease.Lease.RunId, lease.Lease.LeaseId);
            Engines.StopForLease(lease.Lease.LeaseId);
            _execs?.StopForLease(lease.Lease.LeaseId);
        }

        if (changed)
        {
            await state.WriteStateAsync(cancellationToken);
        }

        // Refresh the snapshot while someone waits, so the head of the queue finds a recent one.
        if (state.State.Inventory is { } inventory && state.State.Queue.Count > 0)
        {
            Probe.Start(inventory);
        }
        else
        {
            _probe?.Collect();
        }
    }

    /// <summary>Remembers why the first run in line waits (for the node's status) and passes the answer on.</summary>
    private LeaseResponse HeadWaits(LeaseResponse waiting)
    {
        _waitReason = waiting.Reason;
        return waiting;
    }

    /// <summary>Records a finished eviction of our leftovers in the log and the lease history.</summary>
    private async Task CollectEvictionAsync()
    {
        if (_eviction?.Collect() is not { } outcome)
        {
            return;
        }

        LogEvicted(logger, NodeName, string.Join(",", outcome.Gpus), string.Join(", ", outcome.Evicted));
        Allocator.RecordEviction(outcome.Gpus, outcome.Evicted, time.GetUtcNow());
        await state.WriteStateAsync();
    }

    private async Task EndAsync(ActiveLease active, string reason)
    {
        Allocator.End(active, reason, time.GetUtcNow());
        Engines.StopForLease(active.Lease.LeaseId);
        _execs?.StopForLease(active.Lease.LeaseId);
        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: granted GPUs {Gpus} to run {RunId}")]
    private static partial void LogGranted(ILogger logger, string node, string runId, string gpus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: GPUs {Gpus} were busy with no lease of ours; evicted leftovers of ours: {Evicted}")]
    private static partial void LogEvicted(ILogger logger, string node, string gpus, string evicted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: lease {LeaseId} of run {RunId} expired (not renewed)")]
    private static partial void LogExpired(ILogger logger, string node, string runId, Guid leaseId);
}
