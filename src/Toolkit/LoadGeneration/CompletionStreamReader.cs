using System.Text;
using System.Text.Json;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Reads an OpenAI-style completions or chat completions SSE stream (<c>data: {json}</c> lines ending with
/// <c>data: [DONE]</c>; new text in <c>choices[0].text</c> or <c>choices[0].delta.content</c>) and
/// measures it with bench_serving's definitions. It takes a reader and a clock instead of an HTTP response so the
/// timing rules can be tested with canned streams and a fake clock.
/// </summary>
/// <remarks>
/// Unlike bench_serving (which indexes <c>choices[0]</c> on every chunk), a usage-only chunk with
/// <c>"choices": []</c> is accepted: newer servers send one by default and it must not fail the request.
/// </remarks>
public static class CompletionStreamReader
{
    private const string DataPrefix = "data:";
    private const string DoneMarker = "[DONE]";

    /// <summary>Reads a UTF-8 byte stream; see <see cref="ReadAsync(TextReader, Func{double}, CancellationToken)"/>.</summary>
    public static async Task<CompletionStreamResult> ReadAsync(Stream stream, Func<double> elapsedSeconds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        return await ReadAsync(reader, elapsedSeconds, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads lines until <c>[DONE]</c>, an error chunk or the end of the stream. <paramref name="elapsedSeconds"/>
    /// is read once per non-blank data line; that value is the line's timestamp for TTFT, ITL and E2E.
    /// </summary>
    /// <remarks>
    /// A stream that ends without <c>[DONE]</c> fails the request: the server died or the connection broke, and
    /// counting the partial output as a success would flatter the numbers.
    /// </remarks>
    public static async Task<CompletionStreamResult> ReadAsync(TextReader reader, Func<double> elapsedSeconds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(elapsedSeconds);

        var state = new StreamState();
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } rawLine)
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || !line.StartsWith(DataPrefix, StringComparison.Ordinal))
            {
                // Blank separators, SSE comments (": keep-alive") and event/id fields carry no tokens.
                continue;
            }

            var payload = line[DataPrefix.Length..].Trim();
            var now = elapsedSeconds();
            state.Latency = now;
            if (payload == DoneMarker)
            {
                return state.ToResult(success: true, error: null);
            }

            var error = state.Apply(payload, now);
            if (error is not null)
            {
                return state.ToResult(success: false, error);
            }
        }

        return state.ToResult(success: false, "The stream ended before data: [DONE].");
    }

    /// <summary>The running measurements of one stream.</summary>
    private sealed class StreamState
    {
        private readonly List<double> _itl = [];
        private readonly StringBuilder _text = new();
        private double? _ttft;
        private double _lastTokenTime;
        private int? _completionTokens;

        public double Latency { get; set; }

        /// <summary>Applies one JSON chunk observed at <paramref name="now"/>; returns an error message when the chunk fails the request.</summary>
        public string? Apply(string payload, double now)
        {
            try
            {
                using var document = JsonDocument.Parse(payload);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return $"Unexpected stream chunk (not a JSON object): {Shorten(payload)}";
                }

                if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
                {
                    return DescribeError(error);
                }

                if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
                    && usage.TryGetProperty("completion_tokens", out var tokens) && tokens.TryGetInt32(out var count))
                {
                    _completionTokens = count;
                }

                var text = FirstChoiceText(root);
                if (!string.IsNullOrEmpty(text))
                {
                    if (_ttft is null)
                    {
                        _ttft = now;
                    }
                    else
                    {
                        _itl.Add(now - _lastTokenTime);
                    }

                    _lastTokenTime = now;
                    _text.Append(text);
                }

                return null;
            }
            catch (JsonException ex)
            {
                return $"Malformed stream chunk ({ex.Message}): {Shorten(payload)}";
            }
        }

        public CompletionStreamResult ToResult(bool success, string? error) =>
            new(success, _ttft, Latency, _itl.ToArray(), _completionTokens, _text.ToString(), error);

        private static string? FirstChoiceText(JsonElement root)
        {
            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                return null;
            }

            var first = choices[0];
            if (first.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (first.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                return text.GetString();
            }

            // Chat streams carry the new text in delta.content (the first chunk may hold only delta.role).
            return first.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object
                && delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
                ? content.GetString()
                : null;
        }

        private static string DescribeError(JsonElement error)
        {
            if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return $"Server error in stream: {message.GetString()}";
            }

            return error.ValueKind == JsonValueKind.String
                ? $"Server error in stream: {error.GetString()}"
                : $"Server error in stream: {Shorten(error.GetRawText())}";
        }

        private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
    }
}
