namespace SglangCi.Web.ViewModels;

/// <summary>A plain (x, y) pair: chart series take non-null values only.</summary>
public sealed record ChartValue(double Load, double Value)
{
    public static IReadOnlyList<ChartValue> Of(IEnumerable<LoadSeriesPoint> series, Func<LoadSeriesPoint, double?> value) => series
        .Where(p => value(p) is not null)
        .Select(p => new ChartValue(p.Load, value(p)!.Value))
        .ToList();
}
