using System.Text;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Builds prompt text of an exact length in whitespace-separated words. We cannot ship a tokenizer, so the
/// SimulatedEngine counts words as tokens; real SGLang will count a few more tokens per word, which is fine for a
/// load test because the recorded prompt length is the target length either way (as in bench_serving).
/// </summary>
public static class PromptWords
{
    private static readonly string[] Words =
    [
        "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "while", "seven",
        "engineers", "measure", "latency", "of", "every", "request", "served", "by", "a", "large",
        "language", "model", "running", "on", "eight", "accelerators", "with", "tensor", "parallel", "kernels",
        "and", "careful", "batching", "so", "that", "throughput", "stays", "high", "even", "when",
        "traffic", "bursts", "arrive", "at", "night", "during", "benchmark", "runs", "across", "many",
        "nodes", "in", "the", "cluster", "before", "results", "are", "stored", "compared", "reported",
        "to", "people", "who", "care",
    ];

    /// <summary>Number of distinct positions in the word cycle; start offsets are drawn below this.</summary>
    public static int CycleLength => Words.Length;

    /// <summary>Returns exactly <paramref name="wordCount"/> words separated by single spaces, cycling the list from <paramref name="startOffset"/>.</summary>
    public static string Build(int wordCount, int startOffset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wordCount);
        var builder = new StringBuilder(wordCount * 7);
        for (var i = 0; i < wordCount; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Words[(int)((startOffset + (long)i) % Words.Length)]);
        }

        return builder.ToString();
    }
}
