using System.Diagnostics;
using SglangCi.Interfaces.History;
using SglangCi.Silo.Storage.Results;
using SglangCi.Toolkit.History;
using SglangCi.Toolkit.History.Records;

namespace SglangCi.Silo.Storage.History;

/// <summary>
/// Imports the old CI's <c>log</c> tree: finds its units, skips those the ledger already holds unchanged, reads the
/// rest on all cores and writes them in chunks, one transaction per chunk, each unit with its ledger entry (so an
/// interrupted import leaves whole units and resumes where it stopped). A rejected unit writes nothing and is not
/// recorded, so it is read again next time.
/// </summary>
public sealed class SeedLogImporter(IResultsDatabase database, TimeProvider? time = null)
{
    public const string Source = "seed-logs";
    private const int ChunkSize = 64;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<HistoryImportReport> ImportAsync(string root, bool force, IProgress<HistoryImportProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (units, unrecognised) = SeedTree.Scan(root);
        if (units.Count == 0)
        {
            throw new InvalidDataException(
                $"'{root}' holds nothing of the old CI's log tree (cron_log/, online_benchmark_log/, test/, upstream_ci/); nothing was imported.");
        }

        var ledger = new ImportLedger(database.Dialect, Source);
        var writer = new HistoryWriter(database.Dialect);
        var counts = SeedUnitKind.All.ToDictionary(k => k, _ => new MutableCounts(), StringComparer.Ordinal);
        var issues = unrecognised
            .Select(path => new ImportIssue(path, null, "the log of a job this importer does not know; its meaning is unclear, not imported", Rejected: false))
            .ToList();
        long rows = 0, bytesDone = 0;
        var bytesTotal = units.Sum(u => u.Bytes);
        var done = 0;

        await using var connection = await database.OpenAsync(cancellationToken);
        await ledger.LoadAsync(connection, cancellationToken);
        var pending = new List<SeedUnit>();
        foreach (var unit in units)
        {
            if (!force && ledger.IsUnchanged(unit.RelativePath, unit.Fingerprint))
            {
                counts[unit.Kind].Unchanged++;
                done++;
                bytesDone += unit.Bytes;
                continue;
            }

            pending.Add(unit);
        }

        progress?.Report(new HistoryImportProgress(done, units.Count, bytesDone, bytesTotal, null));
        foreach (var chunk in pending.Chunk(ChunkSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batches = chunk.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(SeedUnitReader.Read).ToList();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var now = _time.GetUtcNow();
            for (var i = 0; i < chunk.Length; i++)
            {
                var (unit, batch) = (chunk[i], batches[i]);
                issues.AddRange(batch.Issues);
                if (batch.Issues.Any(issue => issue.Rejected))
                {
                    counts[unit.Kind].Rejected++;
                }
                else
                {
                    issues.AddRange(await writer.WriteAsync(connection, transaction, batch, now, cancellationToken));
                    await ledger.RecordAsync(connection, transaction, unit.RelativePath, unit.Kind, unit.Fingerprint, batch.RowCount, now, cancellationToken);
                    counts[unit.Kind].Imported++;
                    rows += batch.RowCount;
                }

                done++;
                bytesDone += unit.Bytes;
            }

            await transaction.CommitAsync(cancellationToken);
            progress?.Report(new HistoryImportProgress(done, units.Count, bytesDone, bytesTotal, chunk[^1].RelativePath));
        }

        return new HistoryImportReport(
            counts.Where(c => c.Value.Total > 0).ToDictionary(c => c.Key, c => c.Value.Freeze(), StringComparer.Ordinal),
            issues.Select(i => new HistoryImportIssue(i.Path, i.Line, i.Reason, i.Rejected)).ToList(),
            rows,
            clock.Elapsed);
    }

    private sealed class MutableCounts
    {
        public int Imported { get; set; }
        public int Unchanged { get; set; }
        public int Rejected { get; set; }
        public int Total => Imported + Unchanged + Rejected;

        public HistoryImportCounts Freeze() => new(Imported, Unchanged, Rejected);
    }
}
