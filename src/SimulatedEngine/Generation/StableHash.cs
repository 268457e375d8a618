namespace SglangCi.SimulatedEngine.Generation;

/// <summary>
/// A hash that is the same in every process and on every machine (unlike <see cref="string.GetHashCode()"/>,
/// which is randomized per process). The simulator derives all its "random" choices from it so a run with
/// the same seed and the same prompts produces the same answers anywhere.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>FNV-1a over the seed and the text's UTF-16 code units, finished with a SplitMix64
    /// avalanche so nearby inputs give unrelated outputs.</summary>
    public static ulong Of(int seed, string text)
    {
        var h = FnvOffset;
        h = (h ^ (uint)seed) * FnvPrime;
        foreach (var c in text)
        {
            h = (h ^ (byte)c) * FnvPrime;
            h = (h ^ (byte)(c >> 8)) * FnvPrime;
        }

        return Mix(h);
    }

    /// <summary>SplitMix64 finalizer: the step that turns a counter or weak hash into well-spread bits.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Maps a hash to a double uniform in [0, 1), using the top 53 bits.</summary>
    public static double ToUnit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));
}
