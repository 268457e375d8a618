using System.Text.Json;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Datasets;

/// <summary>
/// A local ShareGPT-format file (bench_serving's <c>sharegpt</c>): a JSON array of
/// <c>{"conversations": [{"from": "human"|"gpt", "value": "..."}, ...]}</c>. Each entry gives one request: the
/// first human turn is the prompt, and the gpt turn right after it sets the output length (its word count) unless
/// a fixed output length is given (<c>--sharegpt-output-len</c>). Lengths are word counts (see
/// <see cref="PromptLength"/>), not model tokens.
/// </summary>
/// <remarks>
/// As in bench_serving, entries whose prompt or output is shorter than 2 tokens are dropped, as are entries with
/// no human turn followed by a gpt turn. Entries are shuffled with the run's seeded <see cref="Random"/>.
/// A file that is not of this shape fails with a <see cref="FormatException"/> naming the file and line.
/// </remarks>
public sealed class ShareGptPromptSource : IPromptSource
{
    private const int MinLength = 2;
    private readonly IReadOnlyList<BenchmarkRequest> _entries;

    private ShareGptPromptSource(string path, IReadOnlyList<BenchmarkRequest> entries, int skipped, int? fixedOutputLength)
    {
        Path = path;
        FixedOutputLength = fixedOutputLength;
        _entries = entries;
        Skipped = skipped;
    }

    public string Name => "sharegpt";

    public string Path { get; }

    /// <summary><c>--sharegpt-output-len</c>: the output length of every request; null = each reply's length.</summary>
    public int? FixedOutputLength { get; }

    /// <summary>Usable entries (after the filters).</summary>
    public int Count => _entries.Count;

    /// <summary>Entries dropped: no human→gpt pair, or prompt/output under 2 words.</summary>
    public int Skipped { get; }

    /// <summary>Reads and validates the whole file.</summary>
    /// <exception cref="FormatException">The file is not ShareGPT JSON, or it holds no usable entry; the message names file:line.</exception>
    public static ShareGptPromptSource Load(string path, int? fixedOutputLength = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (fixedOutputLength is { } fixedLength)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(fixedLength, 1, nameof(fixedOutputLength));
        }

        var bytes = File.ReadAllBytes(path);
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var json = new ReadOnlySpan<byte>(bytes, start, bytes.Length - start);
        var entries = new List<BenchmarkRequest>();
        var skipped = 0;
        var index = 0;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw Error(path, json, reader.TokenStartIndex, "expected a JSON array of {\"conversations\": [...]} entries");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var at = reader.TokenStartIndex;
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Error(path, json, at, $"entry {index} is not a JSON object");
                }

                using var entry = JsonDocument.ParseValue(ref reader);
                var pair = ReadPair(entry.RootElement, index, out var problem);
                if (problem is not null)
                {
                    throw Error(path, json, at, problem);
                }

                index++;
                if (pair is not { } p)
                {
                    skipped++;
                    continue;
                }

                var promptLength = PromptLength.Words(p.Prompt);
                var outputLength = fixedOutputLength ?? PromptLength.Words(p.Completion);
                if (promptLength < MinLength || outputLength < MinLength)
                {
                    skipped++;
                    continue;
                }

                entries.Add(new BenchmarkRequest(p.Prompt, promptLength, outputLength));
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}:{(ex.LineNumber ?? 0) + 1}: malformed JSON ({ex.Message})", ex);
        }

        if (entries.Count == 0)
        {
            throw new FormatException($"{path}:1: no usable conversation (need a human turn followed by a gpt turn, each of at least {MinLength} words); {skipped} entr{(skipped == 1 ? "y" : "ies")} skipped");
        }

        return new ShareGptPromptSource(path, entries, skipped, fixedOutputLength);
    }

    public IReadOnlyList<BenchmarkRequest> Sample(int count, Random random) => PromptSampling.ShuffleAndTake(_entries, count, random);

    /// <summary>The first human turn and the gpt turn right after it; null when the entry has no such pair or (with <paramref name="problem"/> set) is malformed.</summary>
    private static (string Prompt, string Completion)? ReadPair(JsonElement entry, int index, out string? problem)
    {
        problem = null;
        if (!entry.TryGetProperty("conversations", out var turns) || turns.ValueKind != JsonValueKind.Array)
        {
            problem = $"entry {index} has no \"conversations\" array";
            return null;
        }

        var list = new List<(string From, string Value)>();
        var turnIndex = 0;
        foreach (var turn in turns.EnumerateArray())
        {
            if (turn.ValueKind != JsonValueKind.Object
                || !turn.TryGetProperty("from", out var from) || from.ValueKind != JsonValueKind.String
                || !turn.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
            {
                problem = $"entry {index}, turn {turnIndex}: expected {{\"from\": string, \"value\": string}}";
                return null;
            }

            list.Add((from.GetString()!, value.GetString()!));
            turnIndex++;
        }

        var human = list.FindIndex(t => t.From == "human");
        if (human < 0 || human + 1 >= list.Count || list[human + 1].From != "gpt")
        {
            return null;
        }

        return (list[human].Value, list[human + 1].Value);
    }

    private static FormatException Error(string path, ReadOnlySpan<byte> json, long offset, string message) =>
        new($"{path}:{LineAt(json, offset)}: {message}");

    /// <summary>1-based line of a byte offset (only computed on the error path).</summary>
    private static int LineAt(ReadOnlySpan<byte> json, long offset)
    {
        var end = (int)Math.Clamp(offset, 0, json.Length);
        return json[..end].Count((byte)'\n') + 1;
    }
}
