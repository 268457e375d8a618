using System.Text;

namespace SglangCi.Toolkit.Gsm8k;

/// <summary>
/// SGLang's k-shot GSM8K prompt: the first k test items with their full answers as examples, then the question.
/// The shots come from the test set itself (an upstream quirk kept on purpose so accuracies stay comparable).
/// </summary>
public static class Gsm8kPromptBuilder
{
    /// <summary>The shared example prefix: <c>Question: {q}\nAnswer: {a}\n\n</c> for each of the first <paramref name="shots"/> items.</summary>
    public static string BuildFewShotPrefix(IReadOnlyList<Gsm8kItem> dataset, int shots)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        if (shots > dataset.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(shots), shots, $"{shots} shots requested but the dataset has only {dataset.Count} items.");
        }

        var prefix = new StringBuilder();
        for (var i = 0; i < shots; i++)
        {
            prefix.Append("Question: ").Append(dataset[i].Question).Append("\nAnswer: ").Append(dataset[i].Answer).Append("\n\n");
        }

        return prefix.ToString();
    }

    /// <summary>The full prompt for one question: the prefix, then <c>Question: {q}\nAnswer:</c> for the model to complete.</summary>
    public static string Build(string fewShotPrefix, string question)
    {
        ArgumentNullException.ThrowIfNull(fewShotPrefix);
        ArgumentNullException.ThrowIfNull(question);
        return fewShotPrefix + "Question: " + question + "\nAnswer:";
    }

    /// <summary>Convenience for one item: <see cref="BuildFewShotPrefix"/> then <see cref="Build(string, string)"/>.</summary>
    public static string Build(IReadOnlyList<Gsm8kItem> dataset, int shots, string question) =>
        Build(BuildFewShotPrefix(dataset, shots), question);
}
