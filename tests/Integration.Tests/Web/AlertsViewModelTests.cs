using SglangCi.Interfaces.Analysis;
using SglangCi.Interfaces.Presets;
using SglangCi.Web.ViewModels.Alerts;

namespace SglangCi.Integration.Tests.Web;

/// <summary>
/// The alerts page's shaping of what the regression watches return: active alerts open first, newest night first and the
/// largest change first within a night; resolved ones only from the last 30 days; change points from the last 60 days,
/// newest first; the hardware filter keeps one hardware (any case) and still counts every hardware's active alerts.
/// </summary>
public sealed class AlertsViewModelTests
{
    private static readonly DateOnly Today = new(2025, 12, 10);

    [Fact]
    public void Active_alerts_come_open_first_then_newest_then_largest_change()
    {
        var acknowledged = Alert("mi30x", "GROK1", 4, new(2025, 12, 9), 0.30) with
        {
            Status = SeriesAlertStatus.Acknowledged,
            AcknowledgedBy = "oncall",
        };
        var olderOpen = Alert("mi30x", "GROK1", 8, new(2025, 12, 7), 0.50);
        var smallNewOpen = Alert("mi30x", "DSR1", 4, new(2025, 12, 9), 0.06);
        var largeNewOpen = Alert("mi35x", "DSR1", 4, new(2025, 12, 9), 0.20);

        var model = AlertsViewModel.From(null, ["mi30x", "mi35x"], [acknowledged, olderOpen, smallNewOpen, largeNewOpen], [], Today);

        Assert.Equal([largeNewOpen.Id, smallNewOpen.Id, olderOpen.Id, acknowledged.Id], model.Active.Select(r => r.Id));
        Assert.Equal("3 open · 1 acknowledged", model.ActiveCountsText);
        Assert.Empty(model.RecentlyResolved);
        Assert.Equal("any hardware", model.ScopeText);
        Assert.Equal(["mi30x", "mi35x"], model.Scope);
    }

    [Fact]
    public void Resolved_alerts_are_kept_for_thirty_days_newest_first_and_never_count_as_active()
    {
        var recovered = Alert("mi30x", "GROK1", 4, new(2025, 11, 20), 0.2) with
        {
            Status = SeriesAlertStatus.Resolved,
            ResolvedNight = new(2025, 12, 2),
            Resolution = "recovered",
        };
        var byHand = Alert("mi30x", "GROK1", 8, new(2025, 12, 1), 0.2) with
        {
            Status = SeriesAlertStatus.Resolved,
            ResolvedAt = new DateTimeOffset(2025, 12, 8, 9, 0, 0, TimeSpan.Zero),
            Resolution = "resolved by oncall: accepted",
        };
        var longAgo = Alert("mi30x", "DSR1", 4, new(2025, 10, 1), 0.2) with
        {
            Status = SeriesAlertStatus.Resolved,
            ResolvedNight = new(2025, 10, 3),
        };

        var model = AlertsViewModel.From("mi30x", ["mi30x"], [recovered, byHand, longAgo], [], Today);

        Assert.Empty(model.Active);
        Assert.Equal([byHand.Id, recovered.Id], model.RecentlyResolved.Select(r => r.Id));
        Assert.Equal(new DateOnly(2025, 12, 8), model.RecentlyResolved[0].ResolvedOn);
        Assert.All(model.Filters, f => Assert.Equal(0, f.ActiveCount));
        Assert.StartsWith("No active alerts on mi30x", model.NoActiveText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hardware_filter_keeps_its_own_findings_in_any_case_and_counts_every_hardware()
    {
        var onMi30x = Alert("mi30x", "GROK1", 4, new(2025, 12, 9), 0.2);
        var onMi35x = Alert("mi35x", "GROK1", 4, new(2025, 12, 9), 0.2);
        var secondOnMi35x = Alert("mi35x", "DSR1", 4, new(2025, 12, 9), 0.1);
        var recentStep = Point("mi35x", new(2025, 12, 1), 0.12);
        var otherHardwareStep = Point("mi30x", new(2025, 12, 3), 0.12);
        var tooOldStep = Point("mi35x", new(2025, 9, 1), 0.12);
        var olderStep = Point("mi35x", new(2025, 11, 1), -0.08);

        var model = AlertsViewModel.From(" MI35X ", ["mi30x", "mi35x"], [onMi30x, onMi35x, secondOnMi35x], [recentStep, otherHardwareStep, tooOldStep, olderStep], Today);

        Assert.Equal("mi35x", model.Hardware);
        Assert.Equal([onMi35x.Id, secondOnMi35x.Id], model.Active.Select(r => r.Id));
        Assert.Equal([recentStep.Night, olderStep.Night], model.ChangePoints.Select(p => p.Point.Night));
        Assert.True(model.ChangePoints[0].IsWorse);
        Assert.True(model.ChangePoints[1].IsBetter);
        Assert.Equal(
            [(null, 3, false), ("mi30x", 1, false), ("mi35x", 2, true)],
            model.Filters.Select(f => (f.Hardware, f.ActiveCount, f.Selected)));
        Assert.Equal("alerts?hardware=mi35x", model.Filters[2].Href);
        Assert.Equal("alerts", model.Filters[0].Href);
    }

    [Fact]
    public void Values_changes_and_links_read_as_on_the_other_pages()
    {
        var latency = new AlertRow(Alert("mi30x", "GROK1", 4, new(2025, 12, 9), 0.123) with { Since = new(2025, 12, 8) });
        var throughput = new AlertRow(Alert("mi30x", "GROK1", 4, new(2025, 12, 9), 0.08) with { Metric = "output-tok-s", Baseline = 1500, Value = 1380 });
        var accuracy = new AlertRow(Alert("mi30x", "GROK1", null, new(2025, 12, 9), 0.021) with
        {
            Kind = SeriesAlertKind.AccuracyRegression,
            Metric = AlertMetric.Accuracy,
            Baseline = 0.932,
            Value = 0.911,
        });
        var missing = new AlertRow(Alert("mi30x", "GROK1", null, new(2025, 12, 9), null) with
        {
            Kind = SeriesAlertKind.MissingData,
            Metric = AlertMetric.Nights,
            Baseline = null,
            Value = null,
        });

        Assert.Equal("+12.3%", latency.ChangeText);
        Assert.Equal("1,000 ms", latency.BaselineText);
        Assert.True(latency.IsWorse);
        Assert.Equal(new DateOnly(2025, 12, 8), latency.Since);
        Assert.Equal("GROK1 · online · 4 req/s", latency.Series);
        Assert.Equal("trends?hw=mi30x&model=GROK1&mode=online&host=node-a&load=4&metric=e2e", latency.TrendHref);
        Assert.Equal("compare?hw=mi30x&model=GROK1&mode=online&host=node-a&a=2025-12-08", latency.CompareHref);
        Assert.Equal("v0.5.6-rocm700-mi30x-20251207", latency.BaselineImageTag);

        Assert.Equal("−8.0%", throughput.ChangeText);
        Assert.Contains("metric=tput", throughput.TrendHref, StringComparison.Ordinal);

        Assert.Equal("−2.1 pt", accuracy.ChangeText);
        Assert.Equal("93.2%", accuracy.BaselineText);
        Assert.Equal("91.1%", accuracy.ValueText);
        Assert.Equal("accuracy regression", accuracy.KindText);
        Assert.Contains("load=all", accuracy.TrendHref, StringComparison.Ordinal);

        Assert.Null(missing.CompareHref);
        Assert.Equal("missing data", missing.KindText);
        Assert.Equal("—", missing.ChangeText);
    }

    private static SeriesAlert Alert(string hardware, string model, double? load, DateOnly opened, double? change)
    {
        var loadKind = load is null ? (LoadKind?)null : LoadKind.Rate;
        var key = SeriesAlert.SeriesKeyOf(hardware, "node-a", model, "online", loadKind, load, "e2e-median-ms");
        return new SeriesAlert(
            $"{key}@{opened:yyyy-MM-dd}", SeriesAlertKind.Regression, SeriesAlertStatus.Open, hardware, "node-a", model, "online", loadKind, load,
            "e2e-median-ms", opened, opened, opened, 1000, 1000 * (1 + (change ?? 0)), change,
            "rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251208", "rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251207", null, null, null, null, null, null);
    }

    private static RecordedChangePoint Point(string hardware, DateOnly night, double change) => new(
        hardware, "node-a", "GROK1", "online", LoadKind.Rate, 4, "e2e-median-ms", night, 1000, 1000 * (1 + change), change, 6.5,
        "rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251201", new DateTimeOffset(2025, 12, 7, 0, 0, 0, TimeSpan.Zero));
}
