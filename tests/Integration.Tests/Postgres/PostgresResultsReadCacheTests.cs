using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Storage.Postgres;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>
/// The dashboard's read cache on PostgreSQL: the schema's change counter moves once per committed transaction that wrote
/// the results tables (however many rows), not for reads or rolled-back writes, and a remembered answer is used until it
/// moves.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresResultsReadCacheTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 1, 2, 3, TimeSpan.Zero);

    [PostgresFact]
    public async Task Answers_are_reused_until_a_writing_transaction_commits()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var database = new PostgresResultsDatabase(new PostgresStorageInitializer(db.ConnectionString));
        var store = new PostgresResultsStore(database);
        await using var cache = new ResultsReadCache(database);
        var loads = 0;
        Task<int> LoadAsync(CancellationToken _) => Task.FromResult(++loads);

        var start = await cache.VersionAsync(CancellationToken.None);
        Assert.NotNull(start);
        Assert.Equal(1, await cache.GetOrLoadAsync("answer", LoadAsync, CancellationToken.None));
        Assert.Equal(1, await cache.GetOrLoadAsync("answer", LoadAsync, CancellationToken.None));

        // One save is one transaction writing the run and two phases: one step.
        var run = new RunSummary("r1", "grok1-int4", 1, "GROK1", "node", "host", "mi30x", "online", null, new DateOnly(2026, 3, 14),
            RunStatus.Succeeded, null, T0, T0.AddMinutes(1), RunPhase.Done, "manual");
        await store.SaveRunAsync(run, [new(RunPhase.Queued, T0, T0, PhaseStatus.Succeeded), new(RunPhase.Benchmark, T0, T0, PhaseStatus.Succeeded)], CancellationToken.None);
        Assert.Equal(start + 1, await cache.VersionAsync(CancellationToken.None));
        Assert.Equal(2, await cache.GetOrLoadAsync("answer", LoadAsync, CancellationToken.None));

        // Reading, and a write that is rolled back, change nothing.
        Assert.NotNull(await store.GetRunAsync("r1", CancellationToken.None));
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM runs;";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
            await transaction.RollbackAsync();
        }

        Assert.Equal(start + 1, await cache.VersionAsync(CancellationToken.None));
        Assert.Equal(2, await cache.GetOrLoadAsync("answer", LoadAsync, CancellationToken.None));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM runs"));
    }

    [PostgresFact]
    public async Task A_kept_connection_cut_by_the_server_is_replaced_on_the_next_read()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var database = new PostgresResultsDatabase(new PostgresStorageInitializer(db.ConnectionString));
        await using var cache = new ResultsReadCache(database);
        var version = await cache.VersionAsync(CancellationToken.None);

        // What a server restart does to every open session of the database.
        Assert.True(await db.ScalarAsync<long>(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()") >= 1);

        Assert.Equal(version, await cache.VersionAsync(CancellationToken.None));
    }
}
