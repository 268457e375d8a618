using SglangCi.Grains.History;
using SglangCi.Interfaces.History;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Silo.Storage.History;

/// <summary>The cluster's importer: the seed's log tree or its SQLite DB into this silo's results database.</summary>
public sealed class HistoryImporter(IResultsDatabase database, TimeProvider time) : IHistoryImporter
{
    public Task<HistoryImportReport> ImportAsync(HistoryImportRequest request, IProgress<HistoryImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Kind switch
        {
            HistoryImportRequest.SeedLogs => new SeedLogImporter(database, time).ImportAsync(request.Path, request.Force, progress, cancellationToken),
            HistoryImportRequest.SeedDb => new SeedDatabaseImporter(database, time).ImportAsync(request.Path, progress, cancellationToken),
            _ => throw new ArgumentException($"Unknown import kind '{request.Kind}'; expected {HistoryImportRequest.SeedLogs} or {HistoryImportRequest.SeedDb}.", nameof(request)),
        };
    }
}
