namespace SglangCi.Toolkit.History.Sanity;

/// <summary>
/// One <c>  MODEL: PASS|FAIL|SKIPPED</c> line after <c>OVERALL SUMMARY</c>. Kept as printed: it is the only verdict
/// for a model whose section was cut off, and a cross-check for the others.
/// </summary>
public sealed record SanityTrailerLine(string Model, SanityOutcome Outcome, SourceRef Source);
