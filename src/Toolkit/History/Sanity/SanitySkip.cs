namespace SglangCi.Toolkit.History.Sanity;

/// <summary>
/// <c>MODEL: SKIPPED - reason</c> or <c>MODEL: SKIPPED (reason)</c>: the model was not run (weights absent, no launch
/// command for the hardware). A skip is not a failure; the reason says whether it was the machine or the script.
/// </summary>
public sealed record SanitySkip(string Model, string? Reason, SourceRef Source);
