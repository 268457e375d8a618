using SglangCi.Interfaces.History;

namespace SglangCi.Web.ViewModels;

/// <summary>One night on a trend line: the image date as a chart category, the plotted value, and the night it is.</summary>
public sealed record TrendChartValue(DateTime Date, double Value, TrendPoint Point);
