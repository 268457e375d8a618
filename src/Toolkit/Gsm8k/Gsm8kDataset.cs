using System.Text.Json;

namespace SglangCi.Toolkit.Gsm8k;

/// <summary>
/// Reads the GSM8K JSONL file (one <c>{"question": ..., "answer": ...}</c> object per line). A bad line fails the
/// whole load with the file and line number, since evaluating on a silently shortened set would change accuracy.
/// </summary>
public static class Gsm8kDataset
{
    /// <summary>Loads <paramref name="path"/>; blank lines are skipped.</summary>
    /// <exception cref="FormatException">A line is not an object with string <c>question</c> and <c>answer</c>.</exception>
    public static IReadOnlyList<Gsm8kItem> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Parses JSONL from <paramref name="reader"/>; <paramref name="sourceName"/> is used in error messages.</summary>
    public static IReadOnlyList<Gsm8kItem> Parse(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var items = new List<Gsm8kItem>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            items.Add(ParseLine(line, sourceName, lineNumber));
        }

        return items;
    }

    private static Gsm8kItem ParseLine(string line, string sourceName, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(sourceName, lineNumber, "expected a JSON object");
            }

            return new Gsm8kItem(RequiredString(root, "question", sourceName, lineNumber), RequiredString(root, "answer", sourceName, lineNumber));
        }
        catch (JsonException ex)
        {
            throw Bad(sourceName, lineNumber, $"invalid JSON ({ex.Message})", ex);
        }
    }

    private static string RequiredString(JsonElement root, string name, string sourceName, int lineNumber) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Bad(sourceName, lineNumber, $"missing string field \"{name}\"");

    private static FormatException Bad(string sourceName, int lineNumber, string what, Exception? inner = null) =>
        new($"GSM8K dataset {sourceName}, line {lineNumber}: {what}.", inner);
}
