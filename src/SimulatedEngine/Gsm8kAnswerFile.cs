using System.Text.Json;

namespace SglangCi.SimulatedEngine;

/// <summary>
/// Reads GSM8K's <c>test.jsonl</c> (one <c>{"question", "answer"}</c> object per line) into the
/// question → reference-answer map that <see cref="SimulatedEngineOptions.Gsm8kAnswers"/> expects. Lives here,
/// not in the toolkit, so the simulator executable stands alone in its Docker image.
/// </summary>
public static class Gsm8kAnswerFile
{
    /// <summary>Loads <paramref name="path"/>; throws <see cref="FormatException"/> naming the file and line
    /// of the first malformed entry.</summary>
    public static IReadOnlyDictionary<string, string> Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Parses JSON lines from <paramref name="reader"/>; blank lines are skipped, a repeated
    /// question keeps its first answer (the dataset's order decides, as for the few-shot prompts).</summary>
    public static IReadOnlyDictionary<string, string> Parse(TextReader reader, string sourceName = "<input>")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                var question = doc.RootElement.GetProperty("question").GetString();
                var answer = doc.RootElement.GetProperty("answer").GetString();
                if (question is null || answer is null)
                {
                    throw new FormatException("\"question\" and \"answer\" must be strings");
                }

                answers.TryAdd(question.Trim(), answer);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"{sourceName}:{lineNumber}: not a GSM8K item ({e.Message})", e);
            }
        }

        return answers;
    }
}
