using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Datasets;

/// <summary>bench_serving's <c>random</c> dataset; see <see cref="RandomDataset"/> for how lengths are drawn.</summary>
public sealed record RandomPromptSource(int InputLength, int OutputLength, double RangeRatio) : IPromptSource
{
    public string Name => "random";

    public IReadOnlyList<BenchmarkRequest> Sample(int count, Random random) =>
        RandomDataset.Generate(count, InputLength, OutputLength, RangeRatio, random);
}
