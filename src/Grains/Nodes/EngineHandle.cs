using SglangCi.Grains.Runtime;

namespace SglangCi.Grains.Nodes;

/// <summary>
/// An engine this activation started (in memory only: an engine does not outlive its silo's process, and a
/// restarted silo finds its leases expired or released by the recovering run). The start runs as a plain
/// task off the grain's turn; the grain only looks at that task's state, never waits on it.
/// </summary>
internal sealed class EngineHandle(string serverId, Guid leaseId, Task<IEngineServer> start, CancellationTokenSource cancellation)
{
    public string ServerId { get; } = serverId;

    public Guid LeaseId { get; } = leaseId;

    public Task<IEngineServer> Start { get; } = start;

    public CancellationTokenSource Cancellation { get; } = cancellation;
}
