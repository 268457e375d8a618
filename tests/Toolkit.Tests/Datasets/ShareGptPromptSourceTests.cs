using SglangCi.Toolkit.Datasets;

namespace SglangCi.Toolkit.Tests.Datasets;

public class ShareGptPromptSourceTests
{
    private const string Valid = """
        [
          {"id": "a", "conversations": [
            {"from": "human", "value": "what is the capital of France"},
            {"from": "gpt", "value": "Paris is the capital"}]},
          {"id": "b", "conversations": [
            {"from": "system", "value": "be brief"},
            {"from": "human", "value": "name two colours"},
            {"from": "gpt", "value": "red and blue, also green"}]},
          {"id": "c", "conversations": [{"from": "human", "value": "only a question here"}]},
          {"id": "d", "conversations": [{"from": "human", "value": "hi"}, {"from": "gpt", "value": "hello there friend"}]},
          {"id": "e", "conversations": [{"from": "gpt", "value": "answer first"}, {"from": "human", "value": "then a question"}]}
        ]
        """;

    [Fact]
    public void Takes_the_first_human_turn_and_the_following_gpt_turn_with_word_lengths()
    {
        using var file = new TempFile(Valid);

        var source = ShareGptPromptSource.Load(file.Path);

        Assert.Equal("sharegpt", source.Name);
        Assert.Equal(2, source.Count);   // a, b
        Assert.Equal(3, source.Skipped); // c: no gpt reply; d: prompt of one word; e: no human turn followed by gpt
        var all = source.Sample(2, new Random(1)).OrderBy(r => r.Prompt, StringComparer.Ordinal).ToList();
        Assert.Equal("name two colours", all[0].Prompt);
        Assert.Equal(3, all[0].PromptLength);
        Assert.Equal(5, all[0].OutputLength);
        Assert.Equal("what is the capital of France", all[1].Prompt);
        Assert.Equal(6, all[1].PromptLength);
        Assert.Equal(4, all[1].OutputLength);
    }

    [Fact]
    public void A_fixed_output_length_overrides_the_reply_length()
    {
        using var file = new TempFile(Valid);

        var source = ShareGptPromptSource.Load(file.Path, fixedOutputLength: 64);

        Assert.All(source.Sample(5, new Random(3)), r => Assert.Equal(64, r.OutputLength));
        Assert.Equal(64, source.FixedOutputLength);
        var options = new SglangCi.Toolkit.LoadGeneration.LoadGeneratorOptions(new Uri("http://x"), null, 1, 1, 1, 1, 1, null) { Dataset = source };
        var report = SglangCi.Toolkit.LoadGeneration.BenchmarkAggregator.Aggregate([], 1);
        Assert.Contains("\"sharegpt_output_len\":64,", SglangCi.Toolkit.LoadGeneration.BenchServingJsonl.Format(report, options), StringComparison.Ordinal);
    }

    [Fact]
    public void Sampling_is_seeded_reproducible_and_wraps_around()
    {
        using var file = new TempFile(Valid);
        var source = ShareGptPromptSource.Load(file.Path);

        var first = source.Sample(7, new Random(42)).Select(r => r.Prompt).ToList();
        var again = source.Sample(7, new Random(42)).Select(r => r.Prompt).ToList();

        Assert.Equal(first, again);
        Assert.Equal(7, first.Count);
        Assert.Equal(first[0], first[2]); // two usable entries, so the order repeats
    }

    [Theory]
    [InlineData("{\"conversations\": []}", "1", "expected a JSON array")]
    [InlineData("[\n  {\"conversations\": [{\"from\": \"human\", \"value\": \"a b\"}]},\n  42\n]", "3", "entry 1 is not a JSON object")]
    [InlineData("[\n  {\"id\": 1},\n]", "2", "entry 0 has no \"conversations\" array")]
    [InlineData("[\n\n  {\"conversations\": [{\"from\": \"human\"}]}\n]", "3", "entry 0, turn 0")]
    [InlineData("[\n  {\"conversations\": [\n  {\"from\": \"human\", \"value\": \"a b\"},\n  {\"from\": gpt}]}\n]", "4", "malformed JSON")]
    public void Bad_input_names_the_file_and_line(string content, string line, string expected)
    {
        using var file = new TempFile(content);

        var ex = Assert.Throws<FormatException>(() => ShareGptPromptSource.Load(file.Path));

        Assert.StartsWith($"{file.Path}:{line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_usable_entries_is_an_error()
    {
        using var file = new TempFile("""[{"conversations": [{"from": "human", "value": "hello"}]}]""");

        var ex = Assert.Throws<FormatException>(() => ShareGptPromptSource.Load(file.Path));

        Assert.Contains("no usable conversation", ex.Message, StringComparison.Ordinal);
    }
}
