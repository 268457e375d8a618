namespace SglangCi.Toolkit.Analysis;

/// <summary>How a night's GSM8K accuracy reads against its series: the two tiers of the analysis design.</summary>
public enum AccuracyVerdict
{
    /// <summary>Too few earlier nights to know the series' level.</summary>
    InsufficientHistory,

    Normal,

    /// <summary>Above the preset's hard threshold, but the trials' mean dropped at least max(3 σ, 1.5 points) below the
    /// series' baseline: the model got worse even though the gate let it through.</summary>
    Regression,

    /// <summary>Below the preset's hard threshold: the gate failed, whatever the history says.</summary>
    BelowThreshold,
}
