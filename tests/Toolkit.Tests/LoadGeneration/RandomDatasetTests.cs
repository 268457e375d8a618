using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

public class RandomDatasetTests
{
    [Theory]
    [InlineData(1024, 0.0, 1, 1024)]
    [InlineData(1024, 0.5, 512, 1024)]
    [InlineData(1024, 1.0, 1024, 1024)]
    [InlineData(10, 0.25, 2, 10)]   // int(2.5) = 2, truncated like Python's int()
    [InlineData(3, 0.1, 1, 3)]      // int(0.3) = 0, raised to 1
    public void LengthBounds_FollowBenchServing(int length, double ratio, int low, int high)
    {
        Assert.Equal((low, high), RandomDataset.LengthBounds(length, ratio));
    }

    [Fact]
    public void DrawLengths_StayInBounds_AndCoverBothEnds()
    {
        var lengths = RandomDataset.DrawLengths(10, 0.5, 5000, new Random(7));

        Assert.All(lengths, l => Assert.InRange(l, 5, 10));
        Assert.Contains(5, lengths);
        Assert.Contains(10, lengths);
    }

    [Fact]
    public void DrawLengths_RatioOne_IsFixedLength()
    {
        Assert.All(RandomDataset.DrawLengths(128, 1.0, 100, new Random(1)), l => Assert.Equal(128, l));
    }

    [Fact]
    public void Generate_SameSeed_SameRequests()
    {
        var a = RandomDataset.Generate(50, 200, 100, 0.3, seed: 42);
        var b = RandomDataset.Generate(50, 200, 100, 0.3, seed: 42);
        var c = RandomDataset.Generate(50, 200, 100, 0.3, seed: 43);

        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(r => r.PromptLength), c.Select(r => r.PromptLength));
    }

    [Fact]
    public void Generate_PromptHasExactlyPromptLengthWords()
    {
        var requests = RandomDataset.Generate(30, 64, 32, 0.0, seed: 1);

        Assert.All(requests, r =>
        {
            Assert.Equal(r.PromptLength, r.Prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.InRange(r.PromptLength, 1, 64);
            Assert.InRange(r.OutputLength, 1, 32);
        });
    }

    [Fact]
    public void Generate_BadRatio_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomDataset.Generate(1, 10, 10, 1.5, seed: 1));
    }

    [Fact]
    public void PromptWords_Build_IsExactWordCount_AndSingleSpaced()
    {
        var text = PromptWords.Build(1000, startOffset: 5);

        Assert.Equal(1000, text.Split(' ').Length);
        Assert.DoesNotContain("  ", text, StringComparison.Ordinal);
        Assert.Equal(string.Empty, PromptWords.Build(0));
    }
}
