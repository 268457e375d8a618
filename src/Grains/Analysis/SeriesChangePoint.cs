using SglangCi.Interfaces.History;
using SglangCi.Toolkit.Analysis;

namespace SglangCi.Grains.Analysis;

/// <summary>A change point the sweep found in one series and metric, with the image of its night.</summary>
public sealed record SeriesChangePoint(TrendSeries Series, string Metric, ChangePoint Point, string? Image);
