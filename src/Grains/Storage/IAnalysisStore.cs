using SglangCi.Interfaces.Analysis;

namespace SglangCi.Grains.Storage;

/// <summary>
/// The analysis' tables: alerts with their lifecycle and the change points of the weekly sweep. Writes are upserts in
/// one transaction, so analysing a night twice or retrying after a crash never duplicates an alert. Implemented per SQL
/// dialect in the Silo.
/// </summary>
public interface IAnalysisStore
{
    /// <summary>Alerts of one hardware (null: all), newest opened first; resolved ones only when asked.</summary>
    Task<IReadOnlyList<SeriesAlert>> QueryAlertsAsync(string? hardware, bool includeResolved, CancellationToken cancellationToken);

    Task<SeriesAlert?> GetAlertAsync(string id, CancellationToken cancellationToken);

    /// <summary>Inserts or updates the alerts by id, all or none.</summary>
    Task SaveAlertsAsync(IReadOnlyList<SeriesAlert> alerts, CancellationToken cancellationToken);

    /// <summary>Stores the change points (keyed by series, metric and night; a known one keeps the time it was first found); returns how many were new.</summary>
    Task<int> SaveChangePointsAsync(IReadOnlyList<RecordedChangePoint> points, CancellationToken cancellationToken);

    /// <summary>Change points of one hardware (null: all) from a night on (null: all), newest first.</summary>
    Task<IReadOnlyList<RecordedChangePoint>> QueryChangePointsAsync(string? hardware, DateOnly? from, CancellationToken cancellationToken);
}
