namespace SglangCi.Interfaces.Nodes;

/// <summary>The node's answer to a lease request: granted, waiting in the FIFO queue, or refused.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaseResponse(
    [property: Id(0)] LeaseOutcome Outcome,
    [property: Id(1)] GpuLease? Lease,
    [property: Id(2)] int QueuePosition,
    [property: Id(3)] string? Reason)
{
    public static LeaseResponse Granted(GpuLease lease) => new(LeaseOutcome.Granted, lease, 0, null);

    public static LeaseResponse Waiting(int position, string reason) => new(LeaseOutcome.Queued, null, position, reason);

    public static LeaseResponse Refused(string reason) => new(LeaseOutcome.Refused, null, 0, reason);
}

[GenerateSerializer]
public enum LeaseOutcome
{
    Granted = 0,
    Queued = 1,
    Refused = 2,
}
