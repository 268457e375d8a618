using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using SglangCi.Integration.Tests.Storage;
using SglangCi.Interfaces;
using SglangCi.Silo.Hosting;
using SglangCi.Silo.Storage.Postgres;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>
/// Orleans on a real PostgreSQL with our own migration SQL: the schema is created once however many silos start, two
/// silos join one cluster through the membership table, grain state written on one is read on the other, a reminder
/// is stored and fires, a client finds a gateway through the table, and a silo that stops is written dead.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresOrleansTests
{
    /// <summary>Every query Orleans 10's ADO.NET clustering, persistence and reminder providers load by key.</summary>
    private static readonly string[] ProviderQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        "DeleteStorageKey", "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey",
        "ReadFromStorageKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey",
        "UpdateMembershipKey", "UpsertReminderRowKey", "WriteToStorageKey",
    ];

    [PostgresFact]
    public async Task Migrations_create_every_query_the_providers_load_once_even_when_silos_start_together()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new PostgresStorageInitializer(database.ConnectionString).EnsureInitializedAsync(CancellationToken.None)));
        await new PostgresStorageInitializer(database.ConnectionString).EnsureInitializedAsync(CancellationToken.None);

        Assert.Equal(ProviderQueryKeys, (await database.ColumnAsync("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey")).ToArray());
        Assert.Equal(["1:orleans", "2:results", "3:coverage_history"], await database.ColumnAsync("SELECT version || ':' || name FROM schema_migrations ORDER BY version"));
    }

    [PostgresFact]
    public async Task Two_silos_form_one_cluster_share_grain_state_and_reminders_and_a_client_finds_a_gateway()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var clusterId = "pg-" + Guid.NewGuid().ToString("N")[..8];
        await using var first = await PostgresSilo.StartAsync(database.ConnectionString, clusterId);
        await using var second = await PostgresSilo.StartAsync(database.ConnectionString, clusterId);

        await EventuallyAsync(async () => await database.ScalarAsync<long>($"SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = '{clusterId}' AND Status = 3") == 2,
            "both silos active in the membership table");

        // State written through one silo is read through the other (whichever activates the grain, the row is the same).
        var preset = TestPresets.Grok(version: 3);
        await first.Grains.GetGrain<IPresetHolderGrain>("pg-holder").Save(preset, new DateOnly(2025, 12, 1));
        var loaded = await second.Grains.GetGrain<IPresetHolderGrain>("pg-holder").Load();
        TestPresets.AssertSame(preset, loaded.Preset);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT COUNT(*) FROM OrleansStorage WHERE PayloadBinary IS NOT NULL"));

        // A reminder is a row, and it fires.
        var tick = new TaskCompletionSource();
        PresetHolderGrain.Ticks["pg-ticker"] = tick;
        await second.Grains.GetGrain<IPresetHolderGrain>("pg-ticker").StartTicking(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT COUNT(*) FROM OrleansRemindersTable WHERE ReminderName = 'tick'"));
        await tick.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // A client with nothing but the connection string finds a gateway in the membership table.
        using var client = new HostBuilder()
            .UseOrleansClient(c =>
            {
                c.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = ClusterIdentity.ServiceId;
                });
                c.UseAdoNetClustering(o =>
                {
                    o.Invariant = StorageHostingExtensions.PostgresInvariant;
                    o.ConnectionString = database.ConnectionString;
                });
            })
            .Build();
        await client.StartAsync();
        var viaClient = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IPresetHolderGrain>("pg-holder").Load();
        Assert.Equal(["v3"], viaClient.History);
        await client.StopAsync();

        // A silo that shuts down writes itself dead (an update at the table's version); the other carries on.
        await first.DisposeAsync();
        await EventuallyAsync(async () => await database.ScalarAsync<long>(
                $"SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = '{clusterId}' AND Port = {first.SiloPort} AND Status = 6") == 1,
            "the stopped silo marked dead");
        Assert.Equal(["v3"], (await second.Grains.GetGrain<IPresetHolderGrain>("pg-holder").Load()).History);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within 60 s: {what}");
            await Task.Delay(250);
        }
    }
}
