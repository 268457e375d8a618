using SglangCi.Toolkit.Datasets;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.Datasets;

public class RandomPromptSourceTests
{
    [Fact]
    public void Is_the_existing_random_dataset_draw_for_draw()
    {
        var viaSource = new RandomPromptSource(50, 20, 0.5).Sample(10, new Random(9));
        var direct = RandomDataset.Generate(10, 50, 20, 0.5, new Random(9));

        Assert.Equal(direct, viaSource);
        Assert.Equal("random", new RandomPromptSource(1, 1, 0).Name);
    }

    [Fact]
    public void Word_count_is_the_prompt_length()
    {
        Assert.Equal(0, PromptLength.Words("  \t\n"));
        Assert.Equal(3, PromptLength.Words(" one  two\tthree\n"));
    }
}
