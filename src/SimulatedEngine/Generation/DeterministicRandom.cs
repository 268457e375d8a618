namespace SglangCi.SimulatedEngine.Generation;

/// <summary>
/// A tiny SplitMix64 generator. <see cref="Random"/> with a seed is stable too, but its algorithm is
/// an implementation detail of the runtime; this one is fixed by us, so recorded simulator outputs stay
/// reproducible across .NET versions.
/// </summary>
internal sealed class DeterministicRandom(ulong state)
{
    private ulong _state = state;

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return StableHash.Mix(_state);
    }

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
    public int Next(int exclusiveMax) => (int)(NextUInt64() % (ulong)exclusiveMax);

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => StableHash.ToUnit(NextUInt64());
}
