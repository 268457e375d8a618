using SglangCi.Grains.Storage;
using SglangCi.Integration.Tests.Postgres;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.Storage;

/// <summary>The results store contract (<see cref="ResultsStoreContract"/>) on a SQLite file, and its CLI wiring.</summary>
public sealed class SqliteResultsStoreTests : ResultsStoreContract
{
    private readonly TempSqliteFile _db = new();

    protected override Task<IResultsStore> OpenStoreAsync(TimeProvider time) =>
        Task.FromResult<IResultsStore>(new SqliteResultsStore(new SqliteStorageInitializer(_db.ConnectionString), time));

    protected override Task<T?> ScalarAsync<T>(string sql) where T : default => _db.ScalarAsync<T>(sql);

    protected override Task CloseAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Works_without_a_silo_through_the_service_collection()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        SglangCi.Silo.Hosting.StorageHostingExtensions.AddSqliteResultsStore(services, _db.ConnectionString);
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IResultsStore>(provider);

        await store.SaveRunAsync(Run("cli"), [], CancellationToken.None);

        Assert.Equal("cli", Assert.Single(await store.QueryRunsAsync(new RunQuery(null, null, null, null, null), CancellationToken.None)).Id);
        Assert.True(File.Exists(_db.Path));
    }
}
