using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;
using SglangCi.Grains.History;
using SglangCi.Grains.Sql;
using SglangCi.Grains.Storage;
using SglangCi.Grains.Upstream;
using SglangCi.Interfaces;
using SglangCi.Silo.Storage.Analysis;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Postgres;
using SglangCi.Silo.Storage.Providers;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Sqlite;
using SglangCi.Silo.Storage.Upstream;

namespace SglangCi.Silo.Hosting;

/// <summary>Wires SglangCi's storage into a silo or a plain service collection.</summary>
public static class StorageHostingExtensions
{
    /// <summary>ADO.NET invariant under which Orleans loads Microsoft.Data.Sqlite (Orleans 10.1+).</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>ADO.NET invariant under which Orleans loads Npgsql.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>The PostgreSQL grain storage provider's own name, behind <see cref="RetryingGrainStorage"/>.</summary>
    private const string PostgresGrainStorageName = "sglang-ci-postgres";

    /// <summary>
    /// Grain state (provider <see cref="ClusterIdentity.StorageName"/>), reminders and the results store on
    /// one SQLite file. The file is migrated at the first silo lifecycle stage, before any provider reads
    /// its queries from it.
    /// </summary>
    public static ISiloBuilder UseSglangCiSqliteStorage(this ISiloBuilder silo, string sqliteConnectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(sqliteConnectionString);

        silo.Services.AddSqliteResultsStore(sqliteConnectionString);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            new SchemaLifecycleParticipant(sp.GetRequiredService<SqliteStorageInitializer>().EnsureInitializedAsync));

        silo.AddAdoNetGrainStorage(ClusterIdentity.StorageName, o =>
        {
            o.Invariant = SqliteInvariant;
            o.ConnectionString = sqliteConnectionString;
            o.GrainStorageSerializer = GrainStateJsonSerializer.Instance;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = SqliteInvariant;
            o.ConnectionString = sqliteConnectionString;
        });
        return silo;
    }

    /// <summary>
    /// Cluster mode's Orleans half: membership (ADO.NET clustering), grain state (provider
    /// <see cref="ClusterIdentity.StorageName"/>) and reminders on PostgreSQL, sharing one capped connection pool
    /// (<see cref="PostgresConnectionStrings.WithPoolCap"/>). The database is migrated at the first silo lifecycle stage.
    /// </summary>
    public static ISiloBuilder UseSglangCiPostgresOrleans(this ISiloBuilder silo, string postgresConnectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var connectionString = PostgresConnectionStrings.WithPoolCap(postgresConnectionString);

        silo.Services.TryAddSingleton(sp => new PostgresStorageInitializer(connectionString, sp.GetService<ILoggerFactory>()));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new SchemaLifecycleParticipant(ct => PostgresStartupWait.EnsureSchemaAsync(
            sp.GetRequiredService<PostgresStorageInitializer>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PostgresStartupWait)), ct)));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        // The ADO.NET provider under its own name, and our name on a retrying decorator of it: grains write through the
        // retry, the provider still takes part in the silo lifecycle under its key.
        silo.AddAdoNetGrainStorage(PostgresGrainStorageName, o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = GrainStateJsonSerializer.Instance;
        });
        silo.Services.AddKeyedSingleton<IGrainStorage>(ClusterIdentity.StorageName,
            (sp, _) => new RetryingGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(PostgresGrainStorageName)));
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        return silo;
    }

    /// <summary>
    /// The results store on a SQLite file, without Orleans (the CLI's import uses this). The schema is
    /// brought up to date on first use.
    /// </summary>
    public static IServiceCollection AddSqliteResultsStore(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        services.TryAddSingleton(sp => new SqliteStorageInitializer(connectionString, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new SqliteResultsStore(sp.GetRequiredService<SqliteStorageInitializer>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IResultsStore>(sp => sp.GetRequiredService<SqliteResultsStore>());
        services.TryAddSingleton<IResultsDatabase>(sp => new SqliteResultsDatabase(sp.GetRequiredService<SqliteStorageInitializer>()));
        return services.AddResultsReaders();
    }

    /// <summary>
    /// The results store on the cluster's PostgreSQL, alongside <see cref="UseSglangCiPostgresOrleans"/> (the same
    /// <see cref="PostgresStorageInitializer"/> singleton, so the database is migrated once) or without Orleans. The
    /// connection pool is capped like Orleans' (<see cref="PostgresConnectionStrings.WithPoolCap"/>).
    /// </summary>
    public static IServiceCollection AddPostgresResultsStore(this IServiceCollection services, string postgresConnectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        var connectionString = PostgresConnectionStrings.WithPoolCap(postgresConnectionString);

        services.TryAddSingleton(sp => new PostgresStorageInitializer(connectionString, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new PostgresResultsDatabase(sp.GetRequiredService<PostgresStorageInitializer>()));
        services.TryAddSingleton<IResultsDatabase>(sp => sp.GetRequiredService<PostgresResultsDatabase>());
        services.TryAddSingleton<IResultsStore>(sp => new PostgresResultsStore(sp.GetRequiredService<PostgresResultsDatabase>(), sp.GetService<TimeProvider>()));
        return services.AddResultsReaders();
    }

    /// <summary>Everything over the results database that is the same on every engine; the engine's method registers <see cref="IResultsDatabase"/>.</summary>
    private static IServiceCollection AddResultsReaders(this IServiceCollection services)
    {
        services.TryAddSingleton<ISqlExplorer, ReadOnlySqlExplorer>();
        services.TryAddSingleton<IHistoryImporter, HistoryImporter>();
        services.TryAddSingleton<IHistoryQueries, RelationalHistoryQueries>();
        services.TryAddSingleton<IAnalysisStore, RelationalAnalysisStore>();
        services.TryAddSingleton<SglangCi.Grains.Hardware.IHardwareQueries, RelationalHardwareQueries>();
        services.TryAddSingleton<ICoverageHistory, RelationalCoverageHistory>();
        return services;
    }
}
