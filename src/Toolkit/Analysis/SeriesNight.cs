namespace SglangCi.Toolkit.Analysis;

/// <summary>
/// One night of a series: the values its runs produced on that night's image. Usually one; a same-night rerun adds one;
/// none is a night the series was expected and produced nothing (it neither counts in a baseline nor breaks a streak).
/// </summary>
public sealed record SeriesNight(DateOnly Night, IReadOnlyList<double> Values)
{
    public bool HasData => Values.Count > 0;

    public static SeriesNight Of(DateOnly night, params double[] values) => new(night, values);
}
