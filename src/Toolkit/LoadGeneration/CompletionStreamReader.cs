using System.Text;
using System.Text.Json;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Reads an OpenAI-style completions or chat completions SSE stream (<c>data: {json}</c> lines ending with
/// <c>data: [DONE]</c>; new text in <c>choices[0].text</c> or <c>choices[0].delta.content</c>) and
/// measures it with bench_serving's definitions. It takes a reader and a clock instead of an HTTP response so the
/// timing rules can be tested with canned streams and a fake clock; the SSE framing and timing rules are
/// <see cref="SseChunkStream"/>'s.
/// </summary>
/// <remarks>
/// Unlike bench_serving (which indexes <c>choices[0]</c> on every chunk), a usage-only chunk with
/// <c>"choices": []</c> is accepted: newer servers send one by default and it must not fail the request.
/// </remarks>
public static class CompletionStreamReader
{
    /// <summary>Reads a UTF-8 byte stream; see <see cref="ReadAsync(TextReader, Func{double}, CancellationToken)"/>.</summary>
    public static Task<CompletionStreamResult> ReadAsync(Stream stream, Func<double> elapsedSeconds, CancellationToken ct) =>
        SseChunkStream.ReadAsync(stream, elapsedSeconds, new DeltaChunks(0, captureText: true), ct);

    /// <summary>
    /// Reads a UTF-8 byte stream for a request of <paramref name="expectedOutputTokens"/> tokens; the generated
    /// text is kept only when <paramref name="captureText"/> (measuring does not need it).
    /// </summary>
    internal static Task<CompletionStreamResult> ReadAsync(
        Stream stream, Func<double> elapsedSeconds, int expectedOutputTokens, bool captureText, CancellationToken ct) =>
        SseChunkStream.ReadAsync(stream, elapsedSeconds, new DeltaChunks(expectedOutputTokens, captureText), ct);

    /// <summary>
    /// Reads lines until <c>[DONE]</c>, an error chunk or the end of the stream. <paramref name="elapsedSeconds"/>
    /// is read once per non-blank data line; that value is the line's timestamp for TTFT, ITL and E2E.
    /// </summary>
    /// <remarks>
    /// A stream that ends without <c>[DONE]</c> fails the request: the server died or the connection broke, and
    /// counting the partial output as a success would flatter the numbers.
    /// </remarks>
    public static Task<CompletionStreamResult> ReadAsync(TextReader reader, Func<double> elapsedSeconds, CancellationToken ct) =>
        SseChunkStream.ReadAsync(reader, elapsedSeconds, new DeltaChunks(0, captureText: true), ct);

    /// <summary>Each chunk carries only its new text: every chunk with non-empty text is one ITL step.</summary>
    private sealed class DeltaChunks(int expectedOutputTokens, bool captureText) : StreamChunkReader(expectedOutputTokens, captureText)
    {
        private readonly StringBuilder? _text = captureText ? new StringBuilder() : null;

        protected override string? GeneratedText => _text?.ToString();

        protected override void ApplyChunk(JsonElement root, double now)
        {
            if (root.TryGetProperty("usage"u8, out var usage) && usage.ValueKind == JsonValueKind.Object
                && usage.TryGetProperty("completion_tokens"u8, out var tokens) && tokens.TryGetInt32(out var count))
            {
                CompletionTokens = count;
            }

            if (FirstChoiceText(root) is { } text && IsNonEmptyString(text))
            {
                OnTokens(now, newTokens: 1);
                _text?.Append(text.GetString());
            }
        }

        private static JsonElement? FirstChoiceText(JsonElement root)
        {
            if (!root.TryGetProperty("choices"u8, out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                return null;
            }

            var first = choices[0];
            if (first.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (first.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String)
            {
                return text;
            }

            // Chat streams carry the new text in delta.content (the first chunk may hold only delta.role).
            return first.TryGetProperty("delta"u8, out var delta) && delta.ValueKind == JsonValueKind.Object
                && delta.TryGetProperty("content"u8, out var content)
                ? content
                : null;
        }
    }
}
