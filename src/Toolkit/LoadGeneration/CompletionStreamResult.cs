namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// What reading one <c>/v1/completions</c> SSE stream measured, before the caller applies the requested output
/// length as a fallback. Times are seconds on the caller's clock (which starts right before the POST).
/// </summary>
/// <param name="TtftSeconds">Time of the first chunk with non-empty text; null when no text arrived.</param>
/// <param name="LatencySeconds">Time of the last line read (E2E latency).</param>
/// <param name="InterTokenLatencies">Gaps between consecutive chunks with non-empty text.</param>
/// <param name="CompletionTokens"><c>usage.completion_tokens</c> from the last chunk that carried usage; null when none did.</param>
/// <param name="GeneratedText">The text the stream produced; null when the caller did not ask to keep it (measuring does not need it).</param>
public sealed record CompletionStreamResult(
    bool Success,
    double? TtftSeconds,
    double LatencySeconds,
    IReadOnlyList<double> InterTokenLatencies,
    int? CompletionTokens,
    string? GeneratedText,
    string? Error);
