namespace SglangCi.Toolkit.Analysis;

/// <summary>
/// The detector's thresholds (all configuration, with the defaults the analysis design sets): a night is a candidate when
/// it is at least <see cref="SpreadMultiple"/> spreads and <see cref="MinimumChange"/> (tails: <see cref="MinimumTailChange"/>)
/// away from the median of the series' last <see cref="BaselineNights"/> valid nights.
/// </summary>
public sealed record DetectionSettings
{
    /// <summary>Valid nights the baseline is the median of.</summary>
    public int BaselineNights { get; init; } = 14;

    /// <summary>Fewer valid nights before it than this and a night is not judged (too little history to know the noise).</summary>
    public int MinimumBaselineNights { get; init; } = 5;

    /// <summary>How many spreads (scaled MADs) a night must be away from the baseline.</summary>
    public double SpreadMultiple { get; init; } = 3.0;

    /// <summary>Relative change a night must also reach (0.05 = 5 %), so a very quiet series does not alert on noise-sized moves.</summary>
    public double MinimumChange { get; init; } = 0.05;

    /// <summary>The same for tail metrics (p99), which are noisier by nature.</summary>
    public double MinimumTailChange { get; init; } = 0.10;

    /// <summary>Accuracy (0..1) a night's GSM8K mean must drop under its series' baseline, at least, to be an accuracy regression (0.015 = 1.5 points).</summary>
    public double AccuracyMinimumDrop { get; init; } = 0.015;

    /// <summary>How many standard deviations of the trials (or of the baseline nights) an accuracy drop must also reach.</summary>
    public double AccuracySigmaMultiple { get; init; } = 3.0;

    public static DetectionSettings Default { get; } = new();

    /// <summary>Throws with the setting's name when a value makes no sense.</summary>
    public DetectionSettings Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumBaselineNights, 2, nameof(MinimumBaselineNights));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaselineNights, MinimumBaselineNights, nameof(BaselineNights));
        ArgumentOutOfRangeException.ThrowIfNegative(SpreadMultiple, nameof(SpreadMultiple));
        ArgumentOutOfRangeException.ThrowIfNegative(MinimumChange, nameof(MinimumChange));
        ArgumentOutOfRangeException.ThrowIfNegative(MinimumTailChange, nameof(MinimumTailChange));
        ArgumentOutOfRangeException.ThrowIfNegative(AccuracyMinimumDrop, nameof(AccuracyMinimumDrop));
        ArgumentOutOfRangeException.ThrowIfNegative(AccuracySigmaMultiple, nameof(AccuracySigmaMultiple));
        return this;
    }
}
