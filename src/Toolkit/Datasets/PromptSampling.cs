using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Datasets;

/// <summary>Seeded sampling shared by the file datasets.</summary>
internal static class PromptSampling
{
    /// <summary>
    /// Shuffles the entries (Fisher–Yates with <paramref name="random"/>, as bench_serving shuffles ShareGPT) and
    /// takes the first <paramref name="count"/>; when the file has fewer entries than asked, it goes round again in
    /// the same order (vLLM's benchmark oversamples the same way), so a run always sends the requested number.
    /// </summary>
    public static IReadOnlyList<BenchmarkRequest> ShuffleAndTake(IReadOnlyList<BenchmarkRequest> entries, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (entries.Count == 0)
        {
            throw new InvalidOperationException("The dataset holds no usable prompt.");
        }

        var order = new int[entries.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var sample = new BenchmarkRequest[count];
        for (var i = 0; i < count; i++)
        {
            sample[i] = entries[order[i % order.Length]];
        }

        return sample;
    }
}
