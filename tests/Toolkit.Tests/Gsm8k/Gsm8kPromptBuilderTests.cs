using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Toolkit.Tests.Gsm8k;

public class Gsm8kPromptBuilderTests
{
    private static readonly Gsm8kItem[] Items =
    [
        new("Q1?", "A1\n#### 1"),
        new("Q2?", "A2\n#### 2"),
        new("Q3?", "A3\n#### 3"),
    ];

    [Fact]
    public void TwoShot_ExactText()
    {
        var prompt = Gsm8kPromptBuilder.Build(Items, 2, "Q3?");

        Assert.Equal(
            "Question: Q1?\nAnswer: A1\n#### 1\n\n" +
            "Question: Q2?\nAnswer: A2\n#### 2\n\n" +
            "Question: Q3?\nAnswer:",
            prompt);
    }

    [Fact]
    public void ZeroShot_IsJustTheQuestion()
    {
        Assert.Equal("Question: Q1?\nAnswer:", Gsm8kPromptBuilder.Build(Items, 0, "Q1?"));
    }

    [Fact]
    public void MoreShotsThanItems_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Gsm8kPromptBuilder.BuildFewShotPrefix(Items, 4));
    }

    [Fact]
    public void RealDataset_FiveShotPrefix_StartsWithFirstItem()
    {
        var dataset = Gsm8kDataset.Load(TestPaths.Gsm8kTestFile);

        var prefix = Gsm8kPromptBuilder.BuildFewShotPrefix(dataset, 5);

        Assert.StartsWith("Question: Janet\u2019s ducks lay 16 eggs per day.", prefix, StringComparison.Ordinal);
        Assert.EndsWith(dataset[4].Answer + "\n\n", prefix, StringComparison.Ordinal);
        Assert.Equal(5, prefix.Split("Question: ").Length - 1);
    }
}
