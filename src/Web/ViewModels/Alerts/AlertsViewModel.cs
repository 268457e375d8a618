using SglangCi.Interfaces.Analysis;
using SglangCi.Interfaces.History;

namespace SglangCi.Web.ViewModels.Alerts;

/// <summary>
/// The alerts page: the active alerts (open ones first, newest first, the largest change first within a night), the
/// alerts resolved lately, and the change points of the weekly sweep, for one hardware or all. <see cref="From"/> does
/// the shaping from what the regression watches returned; <see cref="LoadAsync"/> asks them.
/// </summary>
/// <param name="Hardware">The hardware shown (lower case, the regression watch's key); null for all.</param>
/// <param name="KnownHardware">Every hardware with benchmark series, for the filter and for "all".</param>
public sealed record AlertsViewModel(
    string? Hardware,
    IReadOnlyList<string> KnownHardware,
    IReadOnlyList<AlertsFilter> Filters,
    IReadOnlyList<AlertRow> Active,
    IReadOnlyList<AlertRow> RecentlyResolved,
    IReadOnlyList<ChangePointRow> ChangePoints)
{
    /// <summary>How far back resolved alerts are listed: a month covers "what happened to that alert last week".</summary>
    public const int ResolvedDays = 30;

    /// <summary>How far back change points are listed: two months of weekly sweeps.</summary>
    public const int ChangePointDays = 60;

    /// <summary>The hardware the page asks about: the one chosen, or all known.</summary>
    public IReadOnlyList<string> Scope => Hardware is { } one ? [one] : KnownHardware;

    /// <summary>Where the page's findings are from, in words: <c>mi30x</c>, or <c>any hardware</c>.</summary>
    public string ScopeText => Hardware ?? "any hardware";

    /// <summary>The active alerts counted by status: <c>2 open · 1 acknowledged</c>.</summary>
    public string ActiveCountsText =>
        $"{Active.Count(r => r.Alert.Status == SeriesAlertStatus.Open)} open · {Active.Count(r => r.Alert.Status == SeriesAlertStatus.Acknowledged)} acknowledged";

    public string NoActiveText => Scope.Count == 0
        ? "No alerts: there are no benchmark series yet, so there is nothing to analyse."
        : $"No active alerts on {ScopeText} — the nights analysed so far opened none, or every alert they opened has recovered.";

    public string NoResolvedText => $"No alert on {ScopeText} was resolved in the last {ResolvedDays} days.";

    public string NoChangePointsText =>
        $"The weekly sweep found no change points on {ScopeText} in the last {ChangePointDays} days (it looks for slow drifts and steps the nightly check misses).";

    /// <summary>Lower case, as the regression watches are keyed; blank means all.</summary>
    public static string? NormalizeHardware(string? hardware) =>
        string.IsNullOrWhiteSpace(hardware) ? null : hardware.Trim().ToLowerInvariant();

    public static AlertsViewModel From(
        string? hardware, IReadOnlyList<string> knownHardware, IReadOnlyList<SeriesAlert> alerts, IReadOnlyList<RecordedChangePoint> changePoints, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(knownHardware);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(changePoints);
        var chosen = NormalizeHardware(hardware);
        var known = knownHardware.Select(h => h.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var inScope = alerts.Where(a => chosen is null || string.Equals(a.Hardware, chosen, StringComparison.OrdinalIgnoreCase)).ToList();

        var active = inScope.Where(a => a.IsActive)
            .OrderBy(a => a.Status == SeriesAlertStatus.Open ? 0 : 1)
            .ThenByDescending(a => a.OpenedNight)
            .ThenByDescending(a => a.Change ?? double.MinValue)
            .ThenBy(a => a.SeriesKey, StringComparer.Ordinal)
            .Select(a => new AlertRow(a))
            .ToList();

        var resolvedFrom = today.AddDays(-ResolvedDays);
        var resolved = inScope.Where(a => !a.IsActive)
            .Select(a => new AlertRow(a))
            .Where(r => r.ResolvedOn is not { } on || on >= resolvedFrom)
            .OrderByDescending(r => r.ResolvedOn)
            .ThenBy(r => r.Alert.SeriesKey, StringComparer.Ordinal)
            .ToList();

        var pointsFrom = today.AddDays(-ChangePointDays);
        var points = changePoints
            .Where(p => chosen is null || string.Equals(p.Hardware, chosen, StringComparison.OrdinalIgnoreCase))
            .Where(p => p.Night >= pointsFrom)
            .OrderByDescending(p => p.Night)
            .ThenByDescending(p => Math.Abs(p.Change))
            .Select(p => new ChangePointRow(p))
            .ToList();

        // Every hardware that has series or alerts, so an alert on hardware whose series are gone still has a filter.
        var filterHardware = known.Concat(alerts.Select(a => a.Hardware.ToLowerInvariant())).Concat(chosen is null ? [] : [chosen])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        int ActiveOn(string? h) => alerts.Count(a => a.IsActive && (h is null || string.Equals(a.Hardware, h, StringComparison.OrdinalIgnoreCase)));
        var filters = new[] { new AlertsFilter(null, ActiveOn(null), chosen is null) }
            .Concat(filterHardware.Select(h => new AlertsFilter(h, ActiveOn(h), h == chosen)))
            .ToList();

        return new AlertsViewModel(chosen, known, filters, active, resolved, points);
    }

    /// <summary>Asks the regression watch of every known hardware (the filter needs every count) in parallel.</summary>
    public static async Task<AlertsViewModel> LoadAsync(IGrainFactory grains, string? hardware, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var chosen = NormalizeHardware(hardware);
        var series = await grains.GetGrain<IHistoryQueryGrain>(0).Series();
        var known = series.Select(s => s.Hardware.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var asked = known.Concat(chosen is null ? [] : [chosen]).Distinct(StringComparer.Ordinal).ToList();
        var pointsFrom = today.AddDays(-ChangePointDays);

        var alerts = await Task.WhenAll(asked.Select(h => grains.GetGrain<IRegressionWatchGrain>(h).Alerts(includeResolved: true)));
        var points = await Task.WhenAll(asked
            .Where(h => chosen is null || h == chosen)
            .Select(h => grains.GetGrain<IRegressionWatchGrain>(h).ChangePoints(pointsFrom)));
        return From(chosen, known, alerts.SelectMany(a => a).ToList(), points.SelectMany(p => p).ToList(), today);
    }
}
