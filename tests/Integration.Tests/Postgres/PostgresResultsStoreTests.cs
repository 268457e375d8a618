using Microsoft.Extensions.DependencyInjection;
using SglangCi.Grains.Hardware;
using SglangCi.Grains.History;
using SglangCi.Grains.Sql;
using SglangCi.Grains.Storage;
using SglangCi.Integration.Tests.Storage;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Hosting;
using SglangCi.Silo.Storage.Postgres;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>The results store contract (<see cref="ResultsStoreContract"/>) on PostgreSQL, and its service registration.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresResultsStoreTests : ResultsStoreContract
{
    private TempPostgresDatabase? _db;

    private TempPostgresDatabase Database => _db ?? throw new InvalidOperationException("The database is created by InitializeAsync.");

    protected override async Task<IResultsStore> OpenStoreAsync(TimeProvider time)
    {
        _db = await PostgresServer.CreateDatabaseAsync();
        return new PostgresResultsStore(new PostgresResultsDatabase(new PostgresStorageInitializer(_db.ConnectionString)), time);
    }

    protected override async Task<T?> ScalarAsync<T>(string sql) where T : default => await Database.ScalarAsync<T>(sql);

    protected override async Task CloseAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task Every_results_service_resolves_and_works_through_the_service_collection()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddPostgresResultsStore(Database.ConnectionString);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IResultsStore>();
        await store.SaveRunAsync(Run("cluster", imageDate: new DateOnly(2026, 3, 14), startedAt: T0), [], CancellationToken.None);

        Assert.Equal("cluster", Assert.Single(await store.QueryRunsAsync(new RunQuery(null, null, null, null, null), CancellationToken.None)).Id);
        Assert.IsType<PostgresResultsDatabase>(provider.GetRequiredService<IResultsDatabase>());
        Assert.Equal("1", (await provider.GetRequiredService<ISqlExplorer>().QueryAsync("SELECT COUNT(*) FROM runs", 1, CancellationToken.None)).Rows.Single()[0].Text);
        Assert.Single(await provider.GetRequiredService<IHardwareQueries>().DaysAsync(null, null, null, CancellationToken.None));
        Assert.Empty(await provider.GetRequiredService<IHistoryQueries>().SeriesAsync(CancellationToken.None));
        Assert.Empty(await provider.GetRequiredService<IAnalysisStore>().QueryAlertsAsync(null, includeResolved: true, CancellationToken.None));
        Assert.NotNull(provider.GetRequiredService<IHistoryImporter>());
        Assert.Same(provider.GetRequiredService<PostgresStorageInitializer>(), provider.GetRequiredService<PostgresStorageInitializer>());
    }
}
