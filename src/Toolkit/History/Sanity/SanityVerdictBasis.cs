namespace SglangCi.Toolkit.History.Sanity;

/// <summary>Which fact of the file decided a model's <see cref="SanityVerdict"/>, so a reader can judge how firm it is.</summary>
public enum SanityVerdictBasis
{
    /// <summary>The <c>Final result:</c> line of the model's last section.</summary>
    FinalResult,

    /// <summary>The last section's server never started and no retry followed.</summary>
    StartupFailure,

    /// <summary>Only the <c>OVERALL SUMMARY</c> line names an outcome.</summary>
    Trailer,

    /// <summary>A <c>MODEL: SKIPPED</c> line.</summary>
    Skip,
}
