namespace SglangCi.SimulatedEngine.Generation;

/// <summary>
/// One step of a request's output as the scheduler hands it to the HTTP handler: the new text, the
/// running completion-token count and, on the last event, the finish reason. A struct because the
/// scheduler produces one per running request per decode step.
/// </summary>
internal readonly record struct TokenEvent(string Delta, int CompletionTokens, FinishReason? Finish);
