namespace SglangCi.SimulatedEngine.Generation;

/// <summary>
/// A generation request reduced to what the simulator needs, whichever API it came through (OpenAI
/// completions, chat, or native <c>/generate</c>), so the scheduler and the response planner have one
/// input shape.
/// </summary>
/// <param name="PromptText">The prompt as text (chat: the messages' contents joined), used for GSM8K
/// recognition and for seeding the generated words; token-id prompts use their ids rendered as text.</param>
/// <param name="PromptTokens">Prompt length in tokens (words, or ids for token-id prompts).</param>
/// <param name="MaxTokens">Most tokens to generate.</param>
/// <param name="Stop">Stop strings; generation ends before the first occurrence.</param>
/// <param name="IgnoreEos">Keep generating past a natural end until <paramref name="MaxTokens"/>.</param>
internal sealed record GenerationRequest(
    string PromptText,
    int PromptTokens,
    int MaxTokens,
    IReadOnlyList<string> Stop,
    bool IgnoreEos);
