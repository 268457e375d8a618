using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Nodes;

/// <summary>A node's persisted state: what it is, who holds GPUs, who waits, and what happened before.</summary>
[GenerateSerializer, Alias("sglci.gpu-node-state")]
public sealed class GpuNodeState
{
    [Id(0)]
    public NodeInventory? Inventory { get; set; }

    [Id(1)]
    public List<ActiveLease> Leases { get; set; } = [];

    /// <summary>FIFO: only the head may be granted.</summary>
    [Id(2)]
    public List<QueuedLease> Queue { get; set; } = [];

    /// <summary>Bounded (see <see cref="GpuNodeOptions.HistoryLimit"/>), oldest first.</summary>
    [Id(3)]
    public List<LeaseHistoryEntry> History { get; set; } = [];
}

/// <summary>A granted lease and the time-to-live each renewal extends it by.</summary>
[GenerateSerializer, Immutable, Alias("sglci.active-lease")]
public sealed record ActiveLease(
    [property: Id(0)] GpuLease Lease,
    [property: Id(1)] TimeSpan TimeToLive);

/// <summary>
/// A run waiting for GPUs. <see cref="LastSeenAt"/> is refreshed by every request, so a waiter that died
/// (and stopped asking) is dropped after its time-to-live instead of blocking the queue forever.
/// </summary>
[GenerateSerializer, Immutable, Alias("sglci.queued-lease")]
public sealed record QueuedLease(
    [property: Id(0)] string RunId,
    [property: Id(1)] int GpuCount,
    [property: Id(2)] TimeSpan TimeToLive,
    [property: Id(3)] DateTimeOffset EnqueuedAt,
    [property: Id(4)] DateTimeOffset LastSeenAt);
