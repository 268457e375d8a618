namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// bench_serving's <c>random</c> dataset: input and output lengths drawn uniformly from
/// <c>[max((int)(L·ratio), 1), L]</c>. Everything comes from one seeded <see cref="Random"/> so a run can be
/// repeated request for request, which is what makes nightly numbers comparable.
/// </summary>
public static class RandomDataset
{
    /// <summary>Generates <paramref name="count"/> requests from a fresh <see cref="Random"/> seeded with <paramref name="seed"/>.</summary>
    public static IReadOnlyList<BenchmarkRequest> Generate(int count, int inputLength, int outputLength, double rangeRatio, int seed) =>
        Generate(count, inputLength, outputLength, rangeRatio, new Random(seed));

    /// <summary>
    /// Draws all input lengths, then all output lengths, then one word-cycle offset per prompt (so prompts differ
    /// and a prefix cache cannot turn the benchmark into a cache benchmark).
    /// </summary>
    public static IReadOnlyList<BenchmarkRequest> Generate(int count, int inputLength, int outputLength, double rangeRatio, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var inputLengths = DrawLengths(inputLength, rangeRatio, count, random);
        var outputLengths = DrawLengths(outputLength, rangeRatio, count, random);
        var requests = new BenchmarkRequest[count];
        for (var i = 0; i < count; i++)
        {
            var offset = random.Next(PromptWords.CycleLength);
            requests[i] = new BenchmarkRequest(PromptWords.Build(inputLengths[i], offset), inputLengths[i], outputLengths[i]);
        }

        return requests;
    }

    /// <summary>Draws <paramref name="count"/> lengths uniformly from the inclusive range <c>[max((int)(length·ratio), 1), length]</c>.</summary>
    public static int[] DrawLengths(int length, double rangeRatio, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (double.IsNaN(rangeRatio) || rangeRatio < 0 || rangeRatio > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rangeRatio), rangeRatio, "The range ratio must be between 0 and 1.");
        }

        var (low, high) = LengthBounds(length, rangeRatio);
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            lengths[i] = random.Next(low, high + 1);
        }

        return lengths;
    }

    /// <summary>The inclusive bounds bench_serving uses; the lower bound truncates toward zero like Python's <c>int()</c>.</summary>
    public static (int Low, int High) LengthBounds(int length, double rangeRatio) =>
        (Math.Max((int)(length * rangeRatio), 1), length);
}
