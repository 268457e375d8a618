using SglangCi.Toolkit.Datasets;

namespace SglangCi.SimulatedEngine.Generation;

/// <summary>
/// The simulator's tokenizer: one token per whitespace-separated word. A real tokenizer would need the
/// model's vocabulary; words keep token counts predictable for tests (a prompt of 200 words is 200 tokens)
/// while still scaling with text length the way a benchmark expects.
/// </summary>
internal static class WordTokenizer
{
    /// <summary>Number of tokens in <paramref name="text"/>: the count of whitespace-separated words.</summary>
    public static int CountTokens(ReadOnlySpan<char> text) => PromptLength.Words(text);

    /// <summary>Splits text into output tokens, each a word with one leading space, the way a BPE
    /// tokenizer renders a continuation, so concatenated tokens read as ordinary text.</summary>
    public static IEnumerable<string> ToOutputTokens(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(static w => " " + w);
}
