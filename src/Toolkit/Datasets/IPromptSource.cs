using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Datasets;

/// <summary>
/// Where a run's prompts come from (bench_serving's <c>--dataset-name</c>). Sampling draws only from the given
/// <see cref="Random"/>, so the same seed gives the same prompts, in the same order, every time.
/// </summary>
public interface IPromptSource
{
    /// <summary>The dataset name bench_serving writes to its JSONL (<c>random</c>, <c>sharegpt</c>, <c>prompts</c>).</summary>
    string Name { get; }

    /// <summary>Exactly <paramref name="count"/> requests drawn with <paramref name="random"/>.</summary>
    IReadOnlyList<BenchmarkRequest> Sample(int count, Random random);
}
