using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SglangCi.Grains.Upstream;
using SglangCi.Integration.Tests.Postgres;
using SglangCi.Silo.Hosting;
using SglangCi.Silo.Storage.Migrations;
using SglangCi.Silo.Storage.Postgres;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Upstream;

namespace SglangCi.Integration.Tests.Upstream;

/// <summary>
/// The coverage history contract (<see cref="CoverageHistoryContract"/>) on PostgreSQL, its service registration, and the
/// new table's part in the change counter the dashboard's read cache asks.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresCoverageHistoryTests : CoverageHistoryContract
{
    /// <summary>The last PostgreSQL migration before <c>0003_coverage_history.sql</c>.</summary>
    private const int VersionBeforeCoverageHistory = 2;

    private TempPostgresDatabase? _db;

    private TempPostgresDatabase Server => _db ?? throw new InvalidOperationException("The database is created by InitializeAsync.");

    protected override async Task<IResultsDatabase> OpenDatabaseAsync()
    {
        _db = await PostgresServer.CreateDatabaseAsync();
        return new PostgresResultsDatabase(new PostgresStorageInitializer(_db.ConnectionString));
    }

    protected override Task MigrateToBeforeCoverageHistoryAsync() =>
        new MigrationRunner(PostgresMigrationDialect.Instance, new MigrationsUpTo(VersionBeforeCoverageHistory)).RunAsync(Server.ConnectionString);

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task CloseAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task The_store_resolves_from_the_service_collection_and_its_writes_move_the_change_counter()
    {
        var services = new ServiceCollection();
        services.AddPostgresResultsStore(Server.ConnectionString);
        await using var provider = services.BuildServiceProvider();
        var history = provider.GetRequiredService<ICoverageHistory>();
        Assert.IsType<RelationalCoverageHistory>(history);
        await history.RecordAsync(Computed(Day1, "abc", []), CancellationToken.None);
        var version = await Server.ScalarAsync<long>("SELECT version FROM results_changes WHERE id = 1");

        await ExecuteAsync("INSERT INTO coverage_gaps (report_date, category, file, estimated_s) VALUES ('2026-11-30', 'c', 'f.py', NULL)");

        Assert.Equal(version + 1, await Server.ScalarAsync<long>("SELECT version FROM results_changes WHERE id = 1"));
        Assert.Equal("C", await Server.ScalarAsync<string>(
            "SELECT collname FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation WHERE a.attrelid = 'coverage_gaps'::regclass AND a.attname = 'file'"));
    }
}
