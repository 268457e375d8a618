using SglangCi.Interfaces.Nodes;

namespace SglangCi.Interfaces;

/// <summary>
/// One GPU host (key: node name). The only way to get GPUs: it serializes access through a FIFO queue,
/// checks GPUs are idle before granting, and expires leases whose holder stops renewing.
/// It activates only on the silo that serves that node.
/// </summary>
public interface IGpuNodeGrain : IGrainWithStringKey
{
    Task Configure(NodeInventory inventory);

    Task<NodeStatus> GetStatus();

    /// <summary>Grant now if this run is first in line and enough idle GPUs are free; otherwise keep its place.</summary>
    Task<LeaseResponse> RequestLease(LeaseRequest request);

    /// <summary>Extends a lease; false when it is unknown or already expired.</summary>
    Task<bool> RenewLease(Guid leaseId);

    /// <summary>Ends a lease (idempotent) and also drops the run from the queue.</summary>
    Task ReleaseLease(Guid leaseId, string reason);

    /// <summary>Leaves the queue without a lease (a cancelled or failed run).</summary>
    Task LeaveQueue(string runId);

    Task<IReadOnlyList<LeaseHistoryEntry>> GetLeaseHistory();

    /// <summary>Starts an engine on this node's runtime for a lease holder; returns at once, status <c>Starting</c>.</summary>
    Task<EngineEndpoint> StartEngine(Guid leaseId, EngineLaunch launch);

    /// <summary>The engine's current state: still starting, ready with its URL, or failed with the reason.</summary>
    Task<EngineEndpoint> GetEngine(string serverId);

    Task StopEngine(string serverId);

    /// <summary>Runs a command in the engine environment for a lease holder (no server needed); returns at once,
    /// status <c>Running</c>. The command is stopped after <paramref name="timeout"/> or when the lease ends.</summary>
    Task<EngineExec> StartExec(Guid leaseId, EngineLaunch launch, IReadOnlyList<string> command, TimeSpan timeout);

    /// <summary>The command's current state: still running, exited with its code and output, or failed with the reason.</summary>
    Task<EngineExec> GetExec(string execId);
}
