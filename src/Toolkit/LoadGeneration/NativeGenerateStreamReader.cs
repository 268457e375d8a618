using System.Text;
using System.Text.Json;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Reads SGLang's native <c>/generate</c> SSE stream and measures it as bench_serving's <c>sglang</c> backend
/// (<c>async_request_sglang_generate</c>) does. Each chunk's <c>text</c> is the <em>whole</em> text so far and
/// <c>meta_info.completion_tokens</c> the running count, so a chunk may stand for several tokens.
/// </summary>
/// <remarks>
/// Rules, taken from bench_serving:
/// <list type="bullet">
/// <item>TTFT is the time of the first chunk with non-empty <c>text</c>.</item>
/// <item>For each later chunk with non-empty text, the gap since the previous counted chunk is divided evenly over
/// the new tokens (the delta of <c>completion_tokens</c>), giving that many ITL entries, so ITL is per token even
/// when the server batches several tokens into one chunk. A chunk that adds no token is skipped and does not move
/// the reference time.</item>
/// <item>output_len is the last <c>completion_tokens</c> seen; E2E is the time of the last line read (including
/// <c>[DONE]</c>).</item>
/// </list>
/// As with <see cref="CompletionStreamReader"/>, a stream that ends without <c>[DONE]</c> fails the request.
/// </remarks>
public static class NativeGenerateStreamReader
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

    /// <summary>Reads lines until <c>[DONE]</c>, an error chunk or the end of the stream; the clock is read once per data line.</summary>
    public static async Task<CompletionStreamResult> ReadAsync(TextReader reader, Func<double> elapsedSeconds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(elapsedSeconds);

        var state = new State();
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } rawLine)
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || !line.StartsWith(DataPrefix, StringComparison.Ordinal))
            {
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

    private sealed class State
    {
        private readonly List<double> _itl = [];
        private string _text = string.Empty;
        private double? _ttft;
        private double _mostRecent;
        private int _lastOutputLength;
        private int? _completionTokens;

        public double Latency { get; set; }

        public string? Apply(string payload, double now)
        {
            try
            {
                using var document = JsonDocument.Parse(payload);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return $"Unexpected stream chunk (not a JSON object): {StreamText.Shorten(payload)}";
                }

                if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
                {
                    return StreamText.DescribeError(error);
                }

                if (!root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String
                    || textElement.GetString() is not { Length: > 0 } text)
                {
                    return null;
                }

                var outputLength = CompletionTokens(root) ?? _lastOutputLength + 1;
                _text = text;
                _completionTokens = outputLength;
                if (_ttft is null)
                {
                    _ttft = now;
                }
                else
                {
                    var newTokens = outputLength - _lastOutputLength;
                    if (newTokens <= 0)
                    {
                        return null; // bench_serving: `if num_new_tokens == 0: continue`
                    }

                    var perToken = (now - _mostRecent) / newTokens;
                    for (var i = 0; i < newTokens; i++)
                    {
                        _itl.Add(perToken);
                    }
                }

                _mostRecent = now;
                _lastOutputLength = outputLength;
                return null;
            }
            catch (JsonException ex)
            {
                return $"Malformed stream chunk ({ex.Message}): {StreamText.Shorten(payload)}";
            }
        }

        public CompletionStreamResult ToResult(bool success, string? error) =>
            new(success, _ttft, Latency, _itl.ToArray(), _completionTokens, _text, error);

        private static int? CompletionTokens(JsonElement root) =>
            root.TryGetProperty("meta_info", out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("completion_tokens", out var tokens) && tokens.TryGetInt32(out var count)
                ? count
                : null;
    }
}

/// <summary>Error and shortening helpers shared by the stream readers.</summary>
internal static class StreamText
{
    public static string DescribeError(JsonElement error)
    {
        if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
        {
            return $"Server error in stream: {message.GetString()}";
        }

        return error.ValueKind == JsonValueKind.String
            ? $"Server error in stream: {error.GetString()}"
            : $"Server error in stream: {Shorten(error.GetRawText())}";
    }

    public static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
