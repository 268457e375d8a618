using SglangCi.Silo.Storage.Postgres;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>The results tables' migration on PostgreSQL: applied once however often and however concurrently silos start.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresResultsMigrationTests
{
    [PostgresFact]
    public async Task Starting_again_or_together_applies_each_migration_once_and_keeps_the_data()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await new PostgresStorageInitializer(database.ConnectionString).EnsureInitializedAsync(CancellationToken.None);
        await database.ScalarAsync<long>(
            "WITH added AS (INSERT INTO import_units (source, path, kind, fingerprint, imported_at, rows) " +
            "VALUES ('seed-logs', 'a', 'k', 'f', '2026-01-01T00:00:00.0000000Z', 1) RETURNING 1) SELECT COUNT(*) FROM added");
        var objects = await database.ColumnAsync("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY relname");

        await new PostgresStorageInitializer(database.ConnectionString).EnsureInitializedAsync(CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => new PostgresStorageInitializer(database.ConnectionString).EnsureInitializedAsync(CancellationToken.None)));

        Assert.Equal(["1:orleans", "2:results", "3:coverage_history"], await database.ColumnAsync("SELECT version || ':' || name FROM schema_migrations ORDER BY version"));
        Assert.Equal(objects, await database.ColumnAsync("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY relname"));
        Assert.Contains("night_points", objects);
        Assert.Contains("ix_runs_day_status", objects);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT COUNT(*) FROM import_units"));
    }
}
