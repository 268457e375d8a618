using SglangCi.Toolkit.Datasets;

namespace SglangCi.Toolkit.Tests.Datasets;

public class PromptFilePromptSourceTests
{
    [Fact]
    public void Reads_objects_json_strings_and_plain_lines()
    {
        using var file = new TempFile(
            """
            {"prompt": "tell me a story", "output_len": 40}
            "a json string prompt"

            plain text prompt here please
            {"prompt": "no length given", "output_len": null}
            """,
            ".jsonl");

        var source = PromptFilePromptSource.Load(file.Path, defaultOutputLength: 16);

        Assert.Equal("prompts", source.Name);
        Assert.Equal(4, source.Count);
        var byPrompt = source.Sample(4, new Random(1)).ToDictionary(r => r.Prompt);
        Assert.Equal(4, byPrompt.Count); // a shuffle of all four: none repeated
        Assert.Equal((4, 40), (byPrompt["tell me a story"].PromptLength, byPrompt["tell me a story"].OutputLength));
        Assert.Equal((4, 16), (byPrompt["a json string prompt"].PromptLength, byPrompt["a json string prompt"].OutputLength));
        Assert.Equal((5, 16), (byPrompt["plain text prompt here please"].PromptLength, byPrompt["plain text prompt here please"].OutputLength));
        Assert.Equal(16, byPrompt["no length given"].OutputLength);
    }

    [Fact]
    public void Sampling_is_seeded()
    {
        using var file = new TempFile(string.Join('\n', Enumerable.Range(0, 20).Select(i => $"prompt number {i}")), ".jsonl");
        var source = PromptFilePromptSource.Load(file.Path, 8);

        var a = source.Sample(10, new Random(5)).Select(r => r.Prompt).ToList();
        var b = source.Sample(10, new Random(5)).Select(r => r.Prompt).ToList();
        var c = source.Sample(10, new Random(6)).Select(r => r.Prompt).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData("{\"prompt\": \"ok\"}\n{\"prompt\": 5}", 2, "\"prompt\" is missing or not a string")]
    [InlineData("ok\n\n{\"text\": \"x\"}", 3, "\"prompt\" is missing")]
    [InlineData("{\"prompt\": \"a\", \"output_len\": 0}", 1, "\"output_len\" must be a positive integer, got 0")]
    [InlineData("{\"prompt\": \"a\", \"output_len\": \"ten\"}", 1, "\"output_len\" must be a positive integer")]
    [InlineData("ok\n{\"prompt\": \"a\"", 2, "malformed JSON")]
    [InlineData("\"   \"", 1, "the prompt is empty")]
    [InlineData("\n\n", 2, "holds no prompt")]
    public void Bad_lines_name_the_file_and_line(string content, int line, string expected)
    {
        using var file = new TempFile(content, ".jsonl");

        var ex = Assert.Throws<FormatException>(() => PromptFilePromptSource.Load(file.Path, 8));

        Assert.StartsWith($"{file.Path}:{line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
