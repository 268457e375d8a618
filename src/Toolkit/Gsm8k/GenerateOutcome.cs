namespace SglangCi.Toolkit.Gsm8k;

/// <summary>One non-streamed <c>/generate</c> answer: the text, the server's completion token count, or why it failed.</summary>
public sealed record GenerateOutcome(bool Success, string Text, int CompletionTokens, string? Error);
