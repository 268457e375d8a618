namespace SglangCi.Web.Charts;

/// <summary>One host's nights of the charted metric, in night order; the name goes in the legend.</summary>
public sealed record SeriesChartLine(string Name, IReadOnlyList<SeriesChartPoint> Points);
