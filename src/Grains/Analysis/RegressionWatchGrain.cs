using Microsoft.Extensions.Options;
using SglangCi.Grains.History;
using SglangCi.Grains.Storage;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Analysis;

namespace SglangCi.Grains.Analysis;

/// <summary>
/// The regression watch of one hardware. A night is analysed once (the daily summary asks when the night is over):
/// evidence from stored history, one lifecycle step, the changed alerts saved in one transaction, then the card. Asking
/// again for a night already analysed returns what it decided then, so a retried summary sends the same card (same dedupe
/// key) and opens nothing twice. A weekly reminder sweeps the hardware's series for change points.
/// </summary>
public sealed class RegressionWatchGrain(
    [PersistentState("state", ClusterIdentity.StorageName)] IPersistentState<RegressionWatchState> state,
    IHistoryQueries history,
    IAnalysisStore store,
    IOptions<AnalysisOptions> options,
    TimeProvider time) : Grain, IRegressionWatchGrain, IRemindable
{
    public const string SweepReminder = "change-point-sweep";

    /// <summary>Nights remembered (a retried summary comes within hours; a month is plenty).</summary>
    private const int NightsKept = 31;

    /// <summary>How long a resolved alert keeps its change closed: a step's confirmations stop once the 14-night baseline has absorbed it.</summary>
    private const int ClosedChangesKept = 30;

    private string Hardware => this.GetPrimaryKeyString();

    private AnalysisOptions Options => options.Value;

    public async Task<NightAnalysis> AnalyzeNight(DateOnly night, bool staleImage)
    {
        await EnsureSweepReminderAsync();
        var cancellationToken = CancellationToken.None;
        if (state.State.Nights.FirstOrDefault(n => n.Night == night) is { } done)
        {
            return await UnchangedAsync(night, done.Card, done.Suppressed ?? "already analysed");
        }

        // The lifecycle only moves forward: judging an earlier night now would weigh today's alerts against numbers from
        // before they opened (and "resolve" them). Such a night is reported, not acted on.
        if (state.State.Nights.Count > 0 && state.State.Nights[^1].Night is var latest && night < latest)
        {
            return await UnchangedAsync(night, null, $"{night:yyyy-MM-dd} is before the latest night analysed ({latest:yyyy-MM-dd}); alerts are not rewound");
        }

        var now = time.GetUtcNow();
        var evidence = await NightEvidenceReader.ReadAsync(history, Hardware, night, staleImage, Options, cancellationToken);
        var known = (await store.QueryAlertsAsync(Hardware, includeResolved: true, cancellationToken))
            .Where(a => a.IsActive || a.LastNight.DayNumber >= night.DayNumber - ClosedChangesKept)
            .ToList();
        var step = AlertLifecycle.Advance(evidence, known, Options, now);
        await store.SaveAlertsAsync(step.Changed, cancellationToken);
        var suppressed = staleImage ? "the night ran on an older night's image" : null;
        var card = staleImage ? null : NightCard.Build(evidence, step, Options, now);
        state.State.Nights.Add(new AnalysedNight(night, now, card, suppressed));
        if (state.State.Nights.Count > NightsKept)
        {
            state.State.Nights.RemoveRange(0, state.State.Nights.Count - NightsKept);
        }

        await state.WriteStateAsync();
        return new NightAnalysis(
            Hardware, night, step.Opened, step.Resolved, step.StillActive, evidence.Improvements.Count(), evidence.CandidateRegressions, card, suppressed);
    }

    public Task<IReadOnlyList<SeriesAlert>> Alerts(bool includeResolved) => store.QueryAlertsAsync(Hardware, includeResolved, CancellationToken.None);

    public Task<SeriesAlert> Acknowledge(string alertId, string by, string? note) =>
        ChangeAsync(alertId, by, "acknowledge", a => a with
        {
            Status = SeriesAlertStatus.Acknowledged,
            AcknowledgedBy = by,
            AcknowledgedAt = time.GetUtcNow(),
            Note = Trimmed(note) ?? a.Note,
        });

    public Task<SeriesAlert> Resolve(string alertId, string by, string? note) =>
        ChangeAsync(alertId, by, "resolve", a => a with
        {
            Status = SeriesAlertStatus.Resolved,
            ResolvedAt = time.GetUtcNow(),
            Resolution = $"resolved by {by}" + (Trimmed(note) is { } n ? $": {n}" : ""),
        });

    public Task<IReadOnlyList<RecordedChangePoint>> ChangePoints(DateOnly? from) => store.QueryChangePointsAsync(Hardware, from, CancellationToken.None);

    public async Task<int> SweepChangePoints()
    {
        var now = time.GetUtcNow();
        var replay = await HistoryReplay.RunAsync(history, new ReplayScope(Hardware), Options.Detection, CancellationToken.None);
        var points = replay.ChangePoints.Select(c => new RecordedChangePoint(
            Hardware, c.Series.Host, c.Series.Model, c.Series.Mode, c.Series.LoadKind, c.Series.Load, c.Metric, c.Point.Night,
            c.Point.Before, c.Point.After, c.Point.RelativeChange, c.Point.T, c.Image, now)).ToList();
        var added = await store.SaveChangePointsAsync(points, CancellationToken.None);
        state.State.LastSweep = now;
        await state.WriteStateAsync();
        return added;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == SweepReminder)
        {
            await SweepChangePoints();
        }
    }

    private async Task<SeriesAlert> ChangeAsync(string alertId, string by, string action, Func<SeriesAlert, SeriesAlert> change)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alertId);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var alert = await store.GetAlertAsync(alertId, CancellationToken.None);
        if (alert is null || !string.Equals(alert.Hardware, Hardware, StringComparison.Ordinal))
        {
            throw new KeyNotFoundException($"{Hardware}: no alert has the id '{alertId}'");
        }

        if (!alert.IsActive)
        {
            throw new InvalidOperationException($"cannot {action} alert '{alertId}': it was resolved on {alert.ResolvedAt:yyyy-MM-dd} ({alert.Resolution})");
        }

        var changed = change(alert);
        await store.SaveAlertsAsync([changed], CancellationToken.None);
        return changed;
    }

    /// <summary>A night that changes nothing: the active alerts as they stand, and the card (if any) it already produced.</summary>
    private async Task<NightAnalysis> UnchangedAsync(DateOnly night, AlertMessage? card, string why)
    {
        var active = await store.QueryAlertsAsync(Hardware, includeResolved: false, CancellationToken.None);
        return new NightAnalysis(Hardware, night, [], [], active.Count, 0, 0, card, why);
    }

    private static string? Trimmed(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    private async Task EnsureSweepReminderAsync()
    {
        if (await this.GetReminder(SweepReminder) is null)
        {
            await this.RegisterOrUpdateReminder(SweepReminder, Options.SweepPeriod, Options.SweepPeriod);
        }
    }
}
