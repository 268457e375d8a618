using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Analysis;
using SglangCi.Interfaces.History;

namespace SglangCi.Grains.Analysis;

/// <summary>The chart of an alert's series that a card shows: the dashboard's PNG of the metric, the alert's night ringed.</summary>
public static class SeriesCharts
{
    /// <summary>Null for alerts without a load point (accuracy, missing data): the chart endpoint draws benchmark metrics only.</summary>
    public static AlertChart? For(string dashboardUrl, SeriesAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.LoadKind is not { } loadKind || alert.Load is not { } load)
        {
            return null;
        }

        var request = new SeriesChartRequest(alert.Hardware, alert.Model, alert.Mode, alert.Host, alert.Metric, loadKind, load, alert.OpenedNight);
        return new AlertChart($"{NightCard.Series(alert)} — {alert.Metric}", dashboardUrl.TrimEnd('/') + request.ToRelativeUrl());
    }
}
