namespace SglangCi.Toolkit.History.Sanity;

/// <summary>A model's outcome for one sanity run, as the trailer prints it and as <see cref="SanitySummary.Verdicts"/> decides it.</summary>
public enum SanityOutcome
{
    Pass,
    Fail,
    Skipped,
}
