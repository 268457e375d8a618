namespace SglangCi.Toolkit.Analysis;

/// <summary>One night's GSM8K trials of a series (accuracies 0..1); their mean is the night's accuracy.</summary>
public sealed record AccuracyNight(DateOnly Night, IReadOnlyList<double> Trials)
{
    public static AccuracyNight Of(DateOnly night, params double[] trials) => new(night, trials);
}
