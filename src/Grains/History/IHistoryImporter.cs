using SglangCi.Interfaces.History;

namespace SglangCi.Grains.History;

/// <summary>Imports the old CI's history into the results tables; implemented by the Silo, which owns the database.</summary>
public interface IHistoryImporter
{
    Task<HistoryImportReport> ImportAsync(HistoryImportRequest request, IProgress<HistoryImportProgress>? progress, CancellationToken cancellationToken);
}
