using System.Globalization;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Nodes;

/// <summary>
/// A node's queue, leases and history over its persisted state: who is first in line, which GPUs are free,
/// granting, ending and expiring leases. Pure (no I/O, time passed in), so the grain only decides when to
/// persist and the rules are tested without a cluster.
/// </summary>
public sealed class GpuAllocator(GpuNodeState state, int historyLimit)
{
    /// <summary>The run id of history entries that record an eviction of our own leftovers (no lease of anyone).</summary>
    public const string EvictionRunId = "(eviction)";

    public IReadOnlyList<ActiveLease> Leases => state.Leases;

    public IReadOnlyList<QueuedLease> Queue => state.Queue;

    /// <summary>The lease <paramref name="runId"/> holds already, if any (a repeated request gets it back).</summary>
    public ActiveLease? HeldBy(string runId) => state.Leases.FirstOrDefault(l => l.Lease.RunId == runId);

    public ActiveLease? Find(Guid leaseId) => state.Leases.FirstOrDefault(l => l.Lease.LeaseId == leaseId);

    /// <summary>GPU indexes under an active lease.</summary>
    public IReadOnlySet<int> LeasedGpus() => state.Leases.SelectMany(l => l.Lease.Gpus).ToHashSet();

    /// <summary>The smallest GPU count the node may be reconfigured to: every leased index must stay valid.</summary>
    public int MinimumGpuCount() => state.Leases.SelectMany(l => l.Lease.Gpus).DefaultIfEmpty(-1).Max() + 1;

    /// <summary>
    /// Takes (or keeps) the run's place in line. Returns its 0-based position and whether the queue changed
    /// (a new entry must be persisted; a refreshed <see cref="QueuedLease.LastSeenAt"/> need not be).
    /// </summary>
    public (int Position, bool Added) Enqueue(LeaseRequest request, DateTimeOffset now)
    {
        var position = state.Queue.FindIndex(q => q.RunId == request.RunId);
        if (position >= 0)
        {
            state.Queue[position] = state.Queue[position] with { LastSeenAt = now };
            return (position, false);
        }

        state.Queue.Add(new QueuedLease(request.RunId, request.GpuCount, request.TimeToLive, now, now));
        return (state.Queue.Count - 1, true);
    }

    /// <summary>
    /// Why the run at <paramref name="position"/> must wait regardless of what the probe says: someone is ahead
    /// of it (FIFO, even when fewer GPUs would do), or too few GPUs are unleased. Null when only the idle check is left.
    /// </summary>
    public LeaseResponse? MustWait(LeaseRequest request, int position, int gpuCount, IReadOnlySet<int> leased)
    {
        if (position > 0)
        {
            return LeaseResponse.Waiting(position + 1, $"waiting behind {position} run(s); first in line: {state.Queue[0].RunId}");
        }

        return gpuCount - leased.Count < request.GpuCount
            ? LeaseResponse.Waiting(1, $"needs {request.GpuCount} GPU(s); {leased.Count} of {gpuCount} are leased")
            : null;
    }

    /// <summary>Grants <paramref name="gpus"/> to the head of the queue, which must be <paramref name="request"/>'s run.</summary>
    public GpuLease Grant(string nodeName, LeaseRequest request, IReadOnlyList<int> gpus, DateTimeOffset now)
    {
        if (state.Queue.Count == 0 || state.Queue[0].RunId != request.RunId)
        {
            throw new InvalidOperationException($"run '{request.RunId}' is not first in line on node '{nodeName}'");
        }

        var lease = new GpuLease(Guid.NewGuid(), nodeName, request.RunId, gpus, now, now + request.TimeToLive);
        state.Queue.RemoveAt(0);
        state.Leases.Add(new ActiveLease(lease, request.TimeToLive));
        state.History.Add(new LeaseHistoryEntry(lease.LeaseId, lease.RunId, lease.Gpus, lease.GrantedAt, null, null));
        TrimHistory();
        return lease;
    }

    /// <summary>Extends a live lease by its time-to-live; false if unknown or already past expiry (the caller ends it).</summary>
    public bool Renew(ActiveLease active, DateTimeOffset now)
    {
        var index = state.Leases.IndexOf(active);
        if (index < 0 || active.Lease.ExpiresAt <= now)
        {
            return false;
        }

        state.Leases[index] = active with { Lease = active.Lease with { ExpiresAt = now + active.TimeToLive } };
        return true;
    }

    /// <summary>Ends a lease and records why; the run's queue entry (if any) goes too.</summary>
    public void End(ActiveLease active, string reason, DateTimeOffset now)
    {
        var leaseId = active.Lease.LeaseId;
        state.Leases.Remove(active);
        state.Queue.RemoveAll(q => q.RunId == active.Lease.RunId);
        var index = state.History.FindLastIndex(h => h.LeaseId == leaseId);
        var ended = new LeaseHistoryEntry(leaseId, active.Lease.RunId, active.Lease.Gpus, active.Lease.GrantedAt, now, reason);
        if (index >= 0)
        {
            state.History[index] = ended;
        }
        else
        {
            state.History.Add(ended);
            TrimHistory();
        }
    }

    /// <summary>Drops the run from the queue and ends any lease it holds (a run that leaves owns nothing here any more).</summary>
    public (IReadOnlyList<ActiveLease> Ended, bool Changed) Leave(string runId, string reason, DateTimeOffset now)
    {
        var held = state.Leases.Where(l => l.Lease.RunId == runId).ToArray();
        foreach (var active in held)
        {
            End(active, reason, now);
        }

        var dropped = state.Queue.RemoveAll(q => q.RunId == runId);
        return (held, held.Length > 0 || dropped > 0);
    }

    /// <summary>Records an eviction of our own leftovers in the history (run id <see cref="EvictionRunId"/>), so pages and audits see it.</summary>
    public LeaseHistoryEntry RecordEviction(IReadOnlyList<int> gpus, IReadOnlyList<string> evicted, DateTimeOffset now)
    {
        var entry = new LeaseHistoryEntry(
            Guid.NewGuid(), EvictionRunId, gpus, now, now, $"evicted leftovers of ours: {string.Join(", ", evicted)}", evicted);
        state.History.Add(entry);
        TrimHistory();
        return entry;
    }

    /// <summary>Leases past expiry, and waiters that stopped asking for longer than their time-to-live (they are gone).</summary>
    public (IReadOnlyList<ActiveLease> Expired, bool Changed) Sweep(DateTimeOffset now)
    {
        var expired = state.Leases.Where(l => l.Lease.ExpiresAt <= now).ToArray();
        foreach (var lease in expired)
        {
            End(lease, "expired", now);
        }

        var dropped = state.Queue.RemoveAll(q => q.LastSeenAt + q.TimeToLive <= now);
        return (expired, expired.Length > 0 || dropped > 0);
    }

    /// <summary>
    /// The lowest-indexed <paramref name="count"/> grantable GPUs, or null with the reason there are not enough (naming
    /// each busy GPU and why, see <see cref="BusyUnleased"/>).
    /// </summary>
    public static (IReadOnlyList<int>? Gpus, string? Reason) Pick(
        int count, int gpuCount, IReadOnlySet<int> leased, GpuSnapshot snapshot, double busyThresholdPercent)
    {
        var busy = BusyUnleased(gpuCount, leased, snapshot, busyThresholdPercent);
        var busyIndexes = busy.Select(b => b.Index).ToHashSet();
        var free = Enumerable.Range(0, gpuCount).Where(i => !leased.Contains(i) && !busyIndexes.Contains(i)).ToArray();
        if (free.Length >= count)
        {
            return (free.Take(count).ToArray(), null);
        }

        var reason = $"needs {count} idle GPU(s), {free.Length} available ({leased.Count} leased";
        reason += busy.Count == 0 ? ")" : $"; {string.Join("; ", busy.Select(b => b.Reason))})";
        return (null, reason);
    }

    /// <summary>
    /// The node's GPUs that no lease of ours holds and that <paramref name="snapshot"/> shows in use (above the threshold
    /// on compute or VRAM, with a process on them, or not seen by the probe), each with why, for reasons, pages and alerts.
    /// </summary>
    public static IReadOnlyList<BusyGpu> BusyUnleased(int gpuCount, IReadOnlySet<int> leased, GpuSnapshot snapshot, double busyThresholdPercent)
    {
        var probed = snapshot.Gpus.GroupBy(g => g.Index).ToDictionary(g => g.Key, g => g.First());
        var busy = new List<BusyGpu>();
        for (var index = 0; index < gpuCount; index++)
        {
            if (leased.Contains(index))
            {
                continue;
            }

            if (!probed.TryGetValue(index, out var gpu))
            {
                busy.Add(new BusyGpu(index, 0, 0, [], $"GPU {index} not seen by the probe"));
            }
            else if (!gpu.IsIdle(busyThresholdPercent))
            {
                busy.Add(new BusyGpu(index, gpu.UtilizationPercent, gpu.MemoryUsedPercent, gpu.Processes, Describe(gpu, busyThresholdPercent)));
            }
        }

        return busy;
    }

    /// <summary>E.g. <c>GPU 0 busy (compute 87% &gt; 15%, VRAM 60% &gt; 15%, processes: python3 (pid 4242))</c>.</summary>
    private static string Describe(GpuState gpu, double threshold)
    {
        static string Level(string what, double percent, double threshold) =>
            percent > threshold
                ? string.Create(CultureInfo.InvariantCulture, $"{what} {percent:0}% > {threshold:0.#}%")
                : string.Create(CultureInfo.InvariantCulture, $"{what} {percent:0}%");

        var processes = gpu.Processes.Count == 0 ? "no process seen" : $"processes: {string.Join(", ", gpu.Processes)}";
        return $"GPU {gpu.Index} busy ({Level("compute", gpu.UtilizationPercent, threshold)}, {Level("VRAM", gpu.MemoryUsedPercent, threshold)}, {processes})";
    }

    private void TrimHistory()
    {
        var excess = state.History.Count - Math.Max(1, historyLimit);
        if (excess > 0)
        {
            state.History.RemoveRange(0, excess);
        }
    }
}
