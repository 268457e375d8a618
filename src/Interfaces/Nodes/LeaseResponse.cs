namespace SglangCi.Interfaces.Nodes;

/// <summary>The node's answer to a lease request: granted, waiting in the FIFO queue, or refused.</summary>
/// <param name="BusyGpus">When the run is first in line but GPUs no lease of ours holds are in use: which, and why.</param>
[GenerateSerializer, Immutable]
public sealed record LeaseResponse(
    [property: Id(0)] LeaseOutcome Outcome,
    [property: Id(1)] GpuLease? Lease,
    [property: Id(2)] int QueuePosition,
    [property: Id(3)] string? Reason,
    [property: Id(4)] IReadOnlyList<BusyGpu>? BusyGpus = null)
{
    public static LeaseResponse Granted(GpuLease lease) => new(LeaseOutcome.Granted, lease, 0, null);

    public static LeaseResponse Waiting(int position, string reason) => new(LeaseOutcome.Queued, null, position, reason);

    public static LeaseResponse WaitingForBusyGpus(string reason, IReadOnlyList<BusyGpu> busy) => new(LeaseOutcome.Queued, null, 1, reason, busy);

    public static LeaseResponse Refused(string reason) => new(LeaseOutcome.Refused, null, 0, reason);
}

[GenerateSerializer]
public enum LeaseOutcome
{
    Granted = 0,
    Queued = 1,
    Refused = 2,
}
