using SglangCi.Interfaces.Analysis;

namespace SglangCi.Grains.Analysis;

/// <summary>Builds the alerts the lifecycle opens, from what the detector found; the id is the series key and the opening night.</summary>
public static class SeriesAlerts
{
    /// <summary>The metric name accuracy alerts carry.</summary>
    public const string AccuracyMetric = "gsm8k-accuracy";

    /// <summary>The metric name missing-data alerts carry (the series' nights).</summary>
    public const string NightsMetric = "nights";

    /// <summary>The host of an alert that is not about one host (missing data).</summary>
    public const string AnyHost = "";

    /// <param name="hardware">The watch's key: alerts carry it, whatever spelling the stored runs use.</param>
    public static SeriesAlert Regression(string hardware, SeriesFinding f, DateOnly night) => Open(
        SeriesAlertKind.Regression, hardware, f.Series.Host, f.Series.Model, f.Series.Mode, f.Series.LoadKind, f.Series.Load, f.Metric,
        night, f.Since, f.Baseline, f.Value, f.RelativeChange, f.Image, f.BaselineImage);

    public static SeriesAlert Accuracy(string hardware, AccuracyFinding f, DateOnly night) => Open(
        SeriesAlertKind.AccuracyRegression, hardware, f.Host, f.Model, f.Mode, null, null, AccuracyMetric,
        night, f.Since, f.Baseline, f.Mean, f.Drop, f.Image, f.BaselineImage);

    /// <summary>Missing data is about a model and mode on the hardware, whichever host ran it (jobs move between hosts).</summary>
    public static SeriesAlert Missing(MissingSeries m, DateOnly night) => Open(
        SeriesAlertKind.MissingData, m.Hardware, AnyHost, m.Model, m.Mode, null, null, NightsMetric,
        night, m.LastNight.AddDays(1), null, null, null, null, m.LastImage);

    private static SeriesAlert Open(
        SeriesAlertKind kind, string hardware, string host, string model, string mode, Interfaces.Presets.LoadKind? loadKind, double? load, string metric,
        DateOnly night, DateOnly? since, double? baseline, double? value, double? change, string? image, string? baselineImage)
    {
        var key = SeriesAlert.SeriesKeyOf(hardware, host, model, mode, loadKind, load, metric);
        return new SeriesAlert(
            $"{key}@{night:yyyy-MM-dd}", kind, SeriesAlertStatus.Open, hardware, host, model, mode, loadKind, load, metric, night, since, night,
            baseline, value, change, image, baselineImage, null, null, null, null, null, null);
    }
}
