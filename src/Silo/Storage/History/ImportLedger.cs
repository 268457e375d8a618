using System.Data.Common;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Silo.Storage.History;

/// <summary>
/// The <c>import_units</c> table: which units of which source were imported with which fingerprint. Loaded once per
/// import, so checking a unit costs a dictionary lookup, and updated in the same transaction as the unit's rows.
/// </summary>
internal sealed class ImportLedger(IResultsDialect dialect, string source)
{
    private Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);

    public async Task LoadAsync(DbConnection connection, CancellationToken ct)
    {
        await using var select = ResultsCommands.Create(connection, null, "SELECT path, fingerprint FROM import_units WHERE source = @source;")
            .With("@source", source);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var loaded = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            loaded[reader.GetString(0)] = reader.GetString(1);
        }

        _fingerprints = loaded;
    }

    public bool IsUnchanged(string path, string fingerprint) =>
        _fingerprints.TryGetValue(path, out var known) && known == fingerprint;

    public async Task RecordAsync(DbConnection connection, DbTransaction transaction, string path, string kind, string fingerprint, long rows, DateTimeOffset now, CancellationToken ct)
    {
        await using var upsert = ResultsCommands.Create(connection, transaction, """
            INSERT INTO import_units (source, path, kind, fingerprint, imported_at, rows)
            VALUES (@source, @path, @kind, @fingerprint, @imported_at, @rows)
            ON CONFLICT (source, path) DO UPDATE SET
                kind = excluded.kind, fingerprint = excluded.fingerprint, imported_at = excluded.imported_at, rows = excluded.rows;
            """)
            .With("@source", source).With("@path", path).With("@kind", kind).With("@fingerprint", fingerprint)
            .With("@imported_at", dialect.Timestamp(now)).With("@rows", rows);
        await upsert.ExecuteNonQueryAsync(ct);
        _fingerprints[path] = fingerprint;
    }
}
