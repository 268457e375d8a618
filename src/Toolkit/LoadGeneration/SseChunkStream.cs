using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// The part of reading a streamed response that every backend shares: SSE line framing (<c>data: {json}</c> lines,
/// blank separators, comments and other fields skipped), <c>data: [DONE]</c>, error and malformed chunks, and the
/// timing bookkeeping (TTFT, ITL, E2E) of bench_serving. What a chunk means (delta text, cumulative text and token
/// counts) is left to a <see cref="StreamChunkReader"/>.
/// </summary>
/// <remarks>
/// The byte path frames lines on UTF-8 bytes in a pooled buffer and hands each event's JSON to the chunk reader as a
/// UTF-8 slice, so no line is ever decoded to a string. The clock is read once per non-blank data line; that value is
/// the line's timestamp. A stream that ends without <c>[DONE]</c> fails the request: the server died or the
/// connection broke, and counting the partial output as a success would flatter the numbers.
/// </remarks>
internal static class SseChunkStream
{
    /// <summary>Initial read buffer; it grows only for a single event larger than this.</summary>
    internal const int ReadBufferBytes = 32 * 1024;

    private static ReadOnlySpan<byte> DataPrefix => "data:"u8;
    private static ReadOnlySpan<byte> DoneMarker => "[DONE]"u8;
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private const string EndedEarly = "The stream ended before data: [DONE].";

    public static async Task<CompletionStreamResult> ReadAsync(Stream stream, Func<double> elapsedSeconds, StreamChunkReader chunks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(elapsedSeconds);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        try
        {
            var start = 0;
            var end = 0;
            var first = true;
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(end), ct).ConfigureAwait(false);
                end += read;
                if (first)
                {
                    if (end < Utf8Bom.Length && read > 0)
                    {
                        continue; // too few bytes yet to tell whether the stream starts with a BOM
                    }

                    first = false;
                    if (buffer.AsSpan(0, end).StartsWith(Utf8Bom))
                    {
                        start = Utf8Bom.Length;
                    }
                }

                while (true)
                {
                    var newline = buffer.AsSpan(start, end - start).IndexOfAny((byte)'\n', (byte)'\r');
                    if (newline < 0)
                    {
                        break;
                    }

                    var outcome = Line(buffer.AsMemory(start, newline), elapsedSeconds, chunks);
                    start += newline + 1;
                    if (outcome is not null)
                    {
                        return outcome;
                    }
                }

                if (read == 0)
                {
                    return Line(buffer.AsMemory(start, end - start), elapsedSeconds, chunks)
                        ?? chunks.ToResult(success: false, EndedEarly);
                }

                // Keep the unfinished line: move it to the front, or grow the buffer when one line fills it.
                var pending = end - start;
                if (start > 0)
                {
                    buffer.AsSpan(start, pending).CopyTo(buffer);
                }
                else if (pending == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, pending).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                start = 0;
                end = pending;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The same rules over text lines (canned streams in tests); each data payload is encoded to UTF-8 once.</summary>
    public static async Task<CompletionStreamResult> ReadAsync(TextReader reader, Func<double> elapsedSeconds, StreamChunkReader chunks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(elapsedSeconds);
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (Line(Encoding.UTF8.GetBytes(line), elapsedSeconds, chunks) is { } outcome)
            {
                return outcome;
            }
        }

        return chunks.ToResult(success: false, EndedEarly);
    }

    /// <summary>Handles one line; returns the final result when the line ends the stream, else null.</summary>
    private static CompletionStreamResult? Line(ReadOnlyMemory<byte> rawLine, Func<double> elapsedSeconds, StreamChunkReader chunks)
    {
        var line = rawLine[Ascii.Trim(rawLine.Span)];
        if (!line.Span.StartsWith(DataPrefix))
        {
            // Blank separators, SSE comments (": keep-alive") and event/id fields carry no tokens.
            return null;
        }

        line = line[DataPrefix.Length..];
        var payload = line[Ascii.Trim(line.Span)];
        var now = elapsedSeconds();
        chunks.LatencySeconds = now;
        if (payload.Span.SequenceEqual(DoneMarker))
        {
            return chunks.ToResult(success: true, error: null);
        }

        var error = chunks.Apply(payload, now);
        return error is null ? null : chunks.ToResult(success: false, error);
    }
}

/// <summary>
/// One stream's running measurements, and what a backend's chunk means. Subclasses read the parsed chunk in
/// <see cref="ApplyChunk"/> and report tokens through <see cref="OnTokens"/>; the timing rules live here.
/// </summary>
internal abstract class StreamChunkReader
{
    /// <summary>The most ITL entries pre-sized from the expected output length (a guard against absurd requests).</summary>
    private const int MaxPresizedItl = 1 << 16;

    private readonly List<double> _itl;
    private double _lastTokenTime;

    /// <param name="expectedOutputTokens">The requested output length; the ITL list is sized for it (0: unknown).</param>
    /// <param name="captureText">Whether <see cref="CompletionStreamResult.GeneratedText"/> is kept; measuring needs no text.</param>
    protected StreamChunkReader(int expectedOutputTokens, bool captureText)
    {
        _itl = new List<double>(Math.Clamp(expectedOutputTokens - 1, 0, MaxPresizedItl));
        CaptureText = captureText;
    }

    protected bool CaptureText { get; }

    protected int? CompletionTokens { get; set; }

    public double LatencySeconds { get; set; }

    protected double? TtftSeconds { get; private set; }

    /// <summary>Applies one chunk's JSON (UTF-8) observed at <paramref name="now"/>; returns an error message when the chunk fails the request.</summary>
    public string? Apply(ReadOnlyMemory<byte> payload, double now)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"Unexpected stream chunk (not a JSON object): {Shorten(payload.Span)}";
            }

            if (root.TryGetProperty("error"u8, out var error) && error.ValueKind != JsonValueKind.Null)
            {
                return DescribeError(error);
            }

            ApplyChunk(root, now);
            return null;
        }
        catch (JsonException ex)
        {
            return $"Malformed stream chunk ({ex.Message}): {Shorten(payload.Span)}";
        }
    }

    public CompletionStreamResult ToResult(bool success, string? error) =>
        new(success, TtftSeconds, LatencySeconds, _itl, CompletionTokens, GeneratedText, error);

    /// <summary>Reads a chunk that is a JSON object without an error.</summary>
    protected abstract void ApplyChunk(JsonElement root, double now);

    /// <summary>The text so far when <see cref="CaptureText"/>; null otherwise.</summary>
    protected abstract string? GeneratedText { get; }

    /// <summary>
    /// Records a chunk with non-empty text at <paramref name="now"/> that brings <paramref name="newTokens"/> tokens.
    /// The first one sets TTFT; each later one divides the gap since the previous counted chunk evenly over its
    /// tokens. A later chunk with no new token is not counted and does not move the reference time (returns false).
    /// </summary>
    protected bool OnTokens(double now, int newTokens)
    {
        if (TtftSeconds is null)
        {
            TtftSeconds = now;
        }
        else
        {
            if (newTokens <= 0)
            {
                return false;
            }

            var perToken = (now - _lastTokenTime) / newTokens;
            for (var i = 0; i < newTokens; i++)
            {
                _itl.Add(perToken);
            }
        }

        _lastTokenTime = now;
        return true;
    }

    /// <summary>True for a JSON string with at least one character, without materializing it.</summary>
    protected static bool IsNonEmptyString(JsonElement element) =>
        element.ValueKind == JsonValueKind.String && !element.ValueEquals(ReadOnlySpan<byte>.Empty);

    private static string DescribeError(JsonElement error)
    {
        if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message"u8, out var message) && message.ValueKind == JsonValueKind.String)
        {
            return $"Server error in stream: {message.GetString()}";
        }

        return error.ValueKind == JsonValueKind.String
            ? $"Server error in stream: {error.GetString()}"
            : $"Server error in stream: {Shorten(error.GetRawText())}";
    }

    private static string Shorten(ReadOnlySpan<byte> utf8) => Shorten(Encoding.UTF8.GetString(utf8));

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
