using SglangCi.SimulatedEngine.Generation;

namespace SglangCi.SimulatedEngine.Scheduling;

/// <summary>What the fault injector decided for an arriving request.</summary>
internal enum FaultAction
{
    /// <summary>Serve it normally.</summary>
    None,

    /// <summary>Answer HTTP 500.</summary>
    Error,

    /// <summary>Crash the whole server.</summary>
    Crash,
}

/// <summary>
/// Decides, per arriving generation request, whether an injected fault hits it. Draws come from one
/// seeded generator in arrival order under a lock, so a sequential client sees the same failures on every
/// run with the same seed.
/// </summary>
internal sealed class FaultInjector(SimulatedFaults faults, int seed)
{
    private readonly Lock _gate = new();
    private readonly DeterministicRandom _random = new(StableHash.Of(seed, "faults"));
    private long _arrivals;

    /// <summary>The decision for the next arriving request.</summary>
    public FaultAction OnArrival()
    {
        lock (_gate)
        {
            _arrivals++;
            if (faults.CrashAfterRequests is { } limit && _arrivals > limit)
            {
                return FaultAction.Crash;
            }

            return faults.ErrorRate > 0 && _random.NextDouble() < faults.ErrorRate ? FaultAction.Error : FaultAction.None;
        }
    }
}
