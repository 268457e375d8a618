namespace SglangCi.Toolkit.History.Sanity;

/// <summary>
/// The decided outcome of one model in one timing summary, with the fact it rests on (<see cref="Basis"/>,
/// <see cref="Source"/>): the seed printed a model's outcome in up to three places that can disagree or be missing.
/// </summary>
public sealed record SanityVerdict(string Model, SanityOutcome Outcome, SanityVerdictBasis Basis, SourceRef Source);
