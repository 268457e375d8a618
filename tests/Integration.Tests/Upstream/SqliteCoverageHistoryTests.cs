using SglangCi.Integration.Tests.Storage;
using SglangCi.Silo.Storage.Migrations;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.Upstream;

/// <summary>The coverage history contract (<see cref="CoverageHistoryContract"/>) on a SQLite file.</summary>
public sealed class SqliteCoverageHistoryTests : CoverageHistoryContract
{
    /// <summary>The last SQLite migration before <c>0012_coverage_history.sql</c>.</summary>
    private const int VersionBeforeCoverageHistory = 11;

    private readonly TempSqliteFile _db = new();

    protected override Task<IResultsDatabase> OpenDatabaseAsync() =>
        Task.FromResult<IResultsDatabase>(new SqliteResultsDatabase(new SqliteStorageInitializer(_db.ConnectionString)));

    protected override async Task MigrateToBeforeCoverageHistoryAsync()
    {
        Directory.CreateDirectory(_db.Directory);
        await new MigrationRunner(SqliteMigrationDialect.Instance, new MigrationsUpTo(VersionBeforeCoverageHistory)).RunAsync(_db.ConnectionString);
    }

    protected override Task ExecuteAsync(string sql) => _db.ExecuteAsync(sql);

    protected override Task CloseAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }
}
