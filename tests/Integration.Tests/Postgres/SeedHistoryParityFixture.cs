using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.Storage;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Postgres;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>
/// The real seed history (the old CI's log tree, then its SQLite DB) imported once into a SQLite file and once into a
/// PostgreSQL database by the same importers, so tests can ask both the same questions. Nothing is imported when no
/// server is configured (the tests are skipped then).
/// </summary>
public sealed class SeedHistoryParityFixture : IAsyncLifetime
{
    private readonly TempSqliteFile _sqliteFile = new();
    private TempPostgresDatabase? _postgresDatabase;

    public IResultsDatabase Sqlite { get; private set; } = null!;

    public IResultsDatabase Postgres { get; private set; } = null!;

    public string SqliteConnectionString => _sqliteFile.ConnectionString;

    public string PostgresConnectionString => _postgresDatabase?.ConnectionString ?? throw new InvalidOperationException("No PostgreSQL database was created.");

    public async Task InitializeAsync()
    {
        if (PostgresServer.ConnectionString is null)
        {
            return;
        }

        var seedRoot = Path.Combine(RepositoryLayout.Discover().SharedDirectory, "seed-history");
        Assert.True(Directory.Exists(seedRoot), $"seed-history not found at {seedRoot} (set SGLCI_SHARED_DIR)");
        _postgresDatabase = await PostgresServer.CreateDatabaseAsync();
        Sqlite = new SqliteResultsDatabase(new SqliteStorageInitializer(_sqliteFile.ConnectionString));
        Postgres = new PostgresResultsDatabase(new PostgresStorageInitializer(_postgresDatabase.ConnectionString));
        foreach (var database in new[] { Sqlite, Postgres })
        {
            await new SeedLogImporter(database).ImportAsync(seedRoot, force: false, progress: null, CancellationToken.None);
            await new SeedDatabaseImporter(database).ImportAsync(Path.Combine(seedRoot, "database", "ci_dashboard.db"), progress: null, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        _sqliteFile.Dispose();
        if (_postgresDatabase is not null)
        {
            await _postgresDatabase.DisposeAsync();
        }
    }
}
