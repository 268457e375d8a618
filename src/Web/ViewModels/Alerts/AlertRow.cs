using SglangCi.Interfaces.Analysis;

namespace SglangCi.Web.ViewModels.Alerts;

/// <summary>One alert as the alerts page shows it: the alert itself and its numbers, images and links in words.</summary>
public sealed record AlertRow(SeriesAlert Alert)
{
    public AlertMetric Metric { get; } = AlertMetric.Of(Alert.Metric);

    public string Id => Alert.Id;

    public string StatusText => SeriesAlertWords.Of(Alert.Status);

    public string KindText => Alert.Kind switch
    {
        SeriesAlertKind.AccuracyRegression => "accuracy regression",
        SeriesAlertKind.MissingData => "missing data",
        _ => "regression",
    };

    public string Series => SeriesLinks.Describe(Alert.Model, Alert.Mode, Alert.LoadKind, Alert.Load);

    /// <summary>The first bad night, when it came before the night that confirmed it.</summary>
    public DateOnly? Since => Alert.Since is { } since && since != Alert.OpenedNight ? since : null;

    public string BaselineText => Metric.Value(Alert.Baseline);

    public string ValueText => Metric.Value(Alert.Value);

    public string ChangeText => Metric.Change(Alert.Change);

    /// <summary>A finding is worse by definition, but a change below zero (a recovered last night) is not painted red.</summary>
    public bool IsWorse => Alert.Change is > 0;

    public string? BaselineImageTag => SeriesLinks.Tag(Alert.BaselineImage);

    public string? ImageTag => SeriesLinks.Tag(Alert.Image);

    public string TrendHref => SeriesLinks.Trend(Alert.Hardware, Alert.Host, Alert.Model, Alert.Mode, Alert.Load, Metric);

    /// <summary>Compare the first bad night with the night before it; a missing series has no bad night to look at.</summary>
    public string? CompareHref => Alert.Kind == SeriesAlertKind.MissingData
        ? null
        : SeriesLinks.Compare(Alert.Hardware, Alert.Host, Alert.Model, Alert.Mode, Alert.Since ?? Alert.OpenedNight);

    /// <summary>When it was resolved: the night the series recovered, else the day someone resolved it by hand.</summary>
    public DateOnly? ResolvedOn => Alert.ResolvedNight
        ?? (Alert.ResolvedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null);
}
