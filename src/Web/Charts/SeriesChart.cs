namespace SglangCi.Web.Charts;

/// <summary>
/// What <see cref="SeriesChartRenderer"/> draws: a title, the y axis' unit, one line per host, the detector's normal
/// band (empty when there is none to show) and the night to ring (an alert's night), if any.
/// </summary>
public sealed record SeriesChart(
    string Title,
    string Unit,
    IReadOnlyList<SeriesChartLine> Lines,
    IReadOnlyList<SeriesChartBandPoint> Band,
    DateOnly? MarkedNight);
