namespace SglangCi.Toolkit.Analysis;

/// <summary>What the detector says about one night of a series.</summary>
public enum NightVerdict
{
    /// <summary>The series produced nothing that night.</summary>
    Missing,

    /// <summary>Too few valid nights before it to know the series' noise.</summary>
    InsufficientHistory,

    /// <summary>Within the noise, or too small a change to matter.</summary>
    Normal,

    /// <summary>Worse beyond the thresholds, not yet borne out.</summary>
    CandidateRegression,

    /// <summary>Worse, and borne out: by the series' previous valid night being worse too, or by a same-night rerun.</summary>
    ConfirmedRegression,

    CandidateImprovement,

    ConfirmedImprovement,
}
