namespace SglangCi.Web.Charts;

/// <summary>One night's value on a chart line.</summary>
public sealed record SeriesChartPoint(DateOnly Night, double Value);
