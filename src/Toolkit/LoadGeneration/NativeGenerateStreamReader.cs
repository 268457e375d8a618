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
/// the new tokens (the delta of <c>completion_tokens</c>; one per chunk when the server sends no count), giving
/// that many ITL entries, so ITL is per token even when the server batches several tokens into one chunk. A chunk
/// that adds no token is skipped and does not move the reference time.</item>
/// <item>output_len is the last <c>completion_tokens</c> seen; E2E is the time of the last line read (including
/// <c>[DONE]</c>).</item>
/// </list>
/// The SSE framing, error chunks and the end-without-<c>[DONE]</c> failure are <see cref="SseChunkStream"/>'s, as
/// for <see cref="CompletionStreamReader"/>. The text itself is not needed to measure: only whether a chunk's is
/// non-empty.
/// </remarks>
public static class NativeGenerateStreamReader
{
    /// <summary>Reads a UTF-8 byte stream; see <see cref="ReadAsync(TextReader, Func{double}, CancellationToken)"/>.</summary>
    public static Task<CompletionStreamResult> ReadAsync(Stream stream, Func<double> elapsedSeconds, CancellationToken ct) =>
        SseChunkStream.ReadAsync(stream, elapsedSeconds, new CumulativeChunks(0, captureText: true), ct);

    /// <summary>
    /// Reads a UTF-8 byte stream for a request of <paramref name="expectedOutputTokens"/> tokens; the generated
    /// text is kept only when <paramref name="captureText"/> (measuring does not need it).
    /// </summary>
    internal static Task<CompletionStreamResult> ReadAsync(
        Stream stream, Func<double> elapsedSeconds, int expectedOutputTokens, bool captureText, CancellationToken ct) =>
        SseChunkStream.ReadAsync(stream, elapsedSeconds, new CumulativeChunks(expectedOutputTokens, captureText), ct);

    /// <summary>Reads lines until <c>[DONE]</c>, an error chunk or the end of the stream; the clock is read once per data line.</summary>
    public static Task<CompletionStreamResult> ReadAsync(TextReader reader, Func<double> elapsedSeconds, CancellationToken ct) =>
        SseChunkStream.ReadAsync(reader, elapsedSeconds, new CumulativeChunks(0, captureText: true), ct);

    /// <summary>Each chunk carries the whole text so far and the running token count.</summary>
    private sealed class CumulativeChunks(int expectedOutputTokens, bool captureText) : StreamChunkReader(expectedOutputTokens, captureText)
    {
        private string? _text;
        private int _lastOutputLength;

        protected override string? GeneratedText => CaptureText ? _text ?? string.Empty : null;

        protected override void ApplyChunk(JsonElement root, double now)
        {
            if (!root.TryGetProperty("text"u8, out var text) || !IsNonEmptyString(text))
            {
                return;
            }

            var outputLength = Tokens(root) ?? _lastOutputLength + 1;
            if (CaptureText)
            {
                _text = text.GetString(); // cumulative: the latest chunk's text is the whole text
            }

            CompletionTokens = outputLength;
            if (OnTokens(now, outputLength - _lastOutputLength))
            {
                _lastOutputLength = outputLength; // bench_serving: `if num_new_tokens == 0: continue` keeps the old count
            }
        }

        private static int? Tokens(JsonElement root) =>
            root.TryGetProperty("meta_info"u8, out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("completion_tokens"u8, out var tokens) && tokens.TryGetInt32(out var count)
                ? count
                : null;
    }
}
