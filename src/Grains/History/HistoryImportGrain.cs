using Microsoft.Extensions.Logging;
using SglangCi.Interfaces.History;

namespace SglangCi.Grains.History;

/// <summary>
/// Runs one import at a time in the background, off the grain's turn (an import reads hundreds of megabytes). The
/// status lives in memory only: an import is a manual, repeatable action, and the ledger makes a rerun after a silo
/// restart continue where the last one stopped.
/// </summary>
public sealed partial class HistoryImportGrain(IHistoryImporter importer, ILogger<HistoryImportGrain> logger) : Grain, IHistoryImportGrain
{
    private volatile HistoryImportStatus _status = HistoryImportStatus.Idle;
    private Task? _work;

    public Task<HistoryImportStatus> Start(HistoryImportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"This grain imports '{this.GetPrimaryKeyString()}', not '{request.Kind}'.", nameof(request));
        }

        if (_status.Running)
        {
            return Task.FromResult(_status);
        }

        _status = new HistoryImportStatus(request, true, null, null, null);
        LogStarted(request.Kind, request.Path);

        // Off the turn: the grain keeps answering GetStatus while the import runs; the activation stays alive
        // because DelayDeactivation holds it for as long as the work may take.
        DelayDeactivation(TimeSpan.FromHours(1));
        var progress = new Progress(this, request);
        _work = Task.Run(async () =>
        {
            try
            {
                var report = await importer.ImportAsync(request, progress, CancellationToken.None);
                _status = new HistoryImportStatus(request, false, _status.Progress, report, null);
                LogFinished(request.Kind, report.Imported, report.Unchanged, report.Rejected, report.Elapsed.TotalSeconds);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                _status = new HistoryImportStatus(request, false, _status.Progress, null, exception.Message);
                LogFailed(exception, request.Kind, request.Path);
            }
        });
        return Task.FromResult(_status);
    }

    public Task<HistoryImportStatus> GetStatus() => Task.FromResult(_status);

    private sealed class Progress(HistoryImportGrain grain, HistoryImportRequest request) : IProgress<HistoryImportProgress>
    {
        public void Report(HistoryImportProgress value) => grain._status = new HistoryImportStatus(request, true, value, null, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import of {Kind} from {Path} started")]
    private partial void LogStarted(string kind, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import of {Kind} finished: {Imported} imported, {Unchanged} unchanged, {Rejected} rejected in {Seconds:0.0} s")]
    private partial void LogFinished(string kind, int imported, int unchanged, int rejected, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import of {Kind} from {Path} failed")]
    private partial void LogFailed(Exception exception, string kind, string path);
}
