using SglangCi.Interfaces.Analysis;

namespace SglangCi.Web.ViewModels.Alerts;

/// <summary>One change point of the weekly sweep as the alerts page shows it: the level before and after, in words.</summary>
public sealed record ChangePointRow(RecordedChangePoint Point)
{
    public AlertMetric Metric { get; } = AlertMetric.Of(Point.Metric);

    public string Series => SeriesLinks.Describe(Point.Model, Point.Mode, Point.LoadKind, Point.Load);

    public string BeforeText => Metric.Value(Point.Before);

    public string AfterText => Metric.Value(Point.After);

    public string ChangeText => Metric.Change(Point.Change);

    /// <summary>A step can go either way; only a worse one is red, a better one green.</summary>
    public bool IsWorse => Point.Change > 0;

    public bool IsBetter => Point.Change < 0;

    public string TText => Formats.Number(Point.T, "0.0");

    public string? ImageTag => SeriesLinks.Tag(Point.Image);

    public string TrendHref => SeriesLinks.Trend(Point.Hardware, Point.Host, Point.Model, Point.Mode, Point.Load, Metric);

    public string CompareHref => SeriesLinks.Compare(Point.Hardware, Point.Host, Point.Model, Point.Mode, Point.Night);
}
