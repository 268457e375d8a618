using System.Text.Json;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Datasets;

/// <summary>
/// A local JSONL file of prompts (<c>--dataset prompts</c>). Each non-blank line is one of:
/// <list type="bullet">
/// <item><c>{"prompt": "...", "output_len": N}</c> (<c>output_len</c> optional),</item>
/// <item>a JSON string <c>"..."</c>,</item>
/// <item>plain text (anything not starting with <c>{</c> or <c>"</c>), used as is.</item>
/// </list>
/// Lines without an output length use the default (<c>--random-output-len</c>). The prompt length is its word
/// count (<see cref="PromptLength"/>). A bad line fails with a <see cref="FormatException"/> naming file:line.
/// </summary>
public sealed class PromptFilePromptSource : IPromptSource
{
    private readonly IReadOnlyList<BenchmarkRequest> _entries;

    private PromptFilePromptSource(string path, IReadOnlyList<BenchmarkRequest> entries)
    {
        Path = path;
        _entries = entries;
    }

    public string Name => "prompts";

    public string Path { get; }

    public int Count => _entries.Count;

    /// <exception cref="FormatException">A line is malformed, or the file holds no prompt.</exception>
    public static PromptFilePromptSource Load(string path, int defaultOutputLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultOutputLength, 1);
        var entries = new List<BenchmarkRequest>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var (prompt, outputLength) = ParseLine(line, defaultOutputLength, message => new FormatException($"{path}:{lineNumber}: {message}"));
            entries.Add(new BenchmarkRequest(prompt, PromptLength.Words(prompt), outputLength));
        }

        if (entries.Count == 0)
        {
            throw new FormatException($"{path}:{Math.Max(lineNumber, 1)}: the file holds no prompt");
        }

        return new PromptFilePromptSource(path, entries);
    }

    public IReadOnlyList<BenchmarkRequest> Sample(int count, Random random) => PromptSampling.ShuffleAndTake(_entries, count, random);

    private static (string Prompt, int OutputLength) ParseLine(string line, int defaultOutputLength, Func<string, FormatException> error)
    {
        if (line[0] != '{' && line[0] != '"')
        {
            return (line, defaultOutputLength);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw error($"malformed JSON ({ex.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                return (NonEmpty(root.GetString(), error), defaultOutputLength);
            }

            if (!root.TryGetProperty("prompt", out var prompt) || prompt.ValueKind != JsonValueKind.String)
            {
                throw error("expected {\"prompt\": string, \"output_len\"?: integer}; \"prompt\" is missing or not a string");
            }

            var outputLength = defaultOutputLength;
            if (root.TryGetProperty("output_len", out var output) && output.ValueKind != JsonValueKind.Null)
            {
                if (output.ValueKind != JsonValueKind.Number || !output.TryGetInt32(out outputLength) || outputLength < 1)
                {
                    throw error($"\"output_len\" must be a positive integer, got {output.GetRawText()}");
                }
            }

            return (NonEmpty(prompt.GetString(), error), outputLength);
        }
    }

    private static string NonEmpty(string? prompt, Func<string, FormatException> error) =>
        string.IsNullOrWhiteSpace(prompt) ? throw error("the prompt is empty") : prompt;
}
