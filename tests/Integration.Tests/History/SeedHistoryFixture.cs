using Microsoft.Data.Sqlite;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.Storage;
using SglangCi.Interfaces.History;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.History;

/// <summary>
/// Imports the whole shared <c>seed-history/</c> (log tree, then the old SQLite DB) once into a fresh SQLite file, then
/// imports the tree a second time; the tests read the result with SQL.
/// </summary>
public sealed class SeedHistoryFixture : IAsyncLifetime
{
    private readonly TempSqliteFile _db = new();

    public string SeedRoot { get; } = Path.Combine(RepositoryLayout.Discover().SharedDirectory, "seed-history");

    public string DatabasePath => _db.Path;

    public HistoryImportReport First { get; private set; } = null!;

    public HistoryImportReport Second { get; private set; } = null!;

    public HistoryImportReport Database { get; private set; } = null!;

    public HistoryImportReport DatabaseAgain { get; private set; } = null!;

    public IReadOnlyDictionary<string, long> RowsAfterFirst { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(Directory.Exists(SeedRoot), $"seed-history not found at {SeedRoot} (set SGLCI_SHARED_DIR)");
        var database = new SqliteResultsDatabase(new SqliteStorageInitializer(_db.ConnectionString));
        First = await new SeedLogImporter(database).ImportAsync(SeedRoot, force: false, progress: null, CancellationToken.None);
        RowsAfterFirst = await CountRowsAsync();
        Second = await new SeedLogImporter(database).ImportAsync(SeedRoot, force: false, progress: null, CancellationToken.None);
        var seedDb = Path.Combine(SeedRoot, "database", "ci_dashboard.db");
        Database = await new SeedDatabaseImporter(database).ImportAsync(seedDb, progress: null, CancellationToken.None);
        DatabaseAgain = await new SeedDatabaseImporter(database).ImportAsync(seedDb, progress: null, CancellationToken.None);
    }

    /// <summary>Every row of the query, each as its column values (NULL as null).</summary>
    public async Task<IReadOnlyList<object?[]>> RowsAsync(string sql)
    {
        await using var connection = new SqliteConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async Task<long> CountAsync(string sql) => Convert.ToInt64((await RowsAsync(sql))[0][0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Row counts of every results table, to show a second import changed nothing.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync()
    {
        var tables = (await RowsAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'Orleans%' AND name <> 'schema_migrations' AND name <> 'import_units' ORDER BY name"))
            .Select(r => (string)r[0]!).ToList();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            counts[table] = await CountAsync($"SELECT COUNT(*) FROM \"{table}\"");
        }

        return counts;
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }
}
