namespace SglangCi.Toolkit.Datasets;

/// <summary>
/// The prompt length recorded for file datasets: the number of whitespace-separated words. We ship no model
/// tokenizer, and this is exactly how the SimulatedEngine counts tokens; against a real SGLang server the recorded
/// input tokens therefore undercount (a BPE tokenizer makes roughly 1.3 tokens per English word).
/// This is the one implementation of the word count: the SimulatedEngine's tokenizer calls it.
/// </summary>
public static class PromptLength
{
    /// <summary>The number of runs of non-whitespace characters in <paramref name="text"/>.</summary>
    public static int Words(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                count++;
            }
        }

        return count;
    }
}
