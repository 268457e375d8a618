namespace SglangCi.Interfaces.History;

/// <summary>
/// Runs history imports in the cluster, one at a time per kind (key: the request kind, <c>seed-logs</c> or
/// <c>seed-db</c>), in the background: <see cref="Start"/> returns at once and <see cref="GetStatus"/> reports progress,
/// then the report. Starting while one runs returns the running one's status instead of starting another.
/// </summary>
public interface IHistoryImportGrain : IGrainWithStringKey
{
    Task<HistoryImportStatus> Start(HistoryImportRequest request);

    Task<HistoryImportStatus> GetStatus();
}
