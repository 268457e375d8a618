namespace SglangCi.Web.ViewModels;

/// <summary>One line of a trend chart: a host (or a load point) and its nights in image-date order.</summary>
public sealed record TrendLine(string Title, IReadOnlyList<TrendChartValue> Values);
