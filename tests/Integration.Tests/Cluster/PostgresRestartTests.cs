using Npgsql;
using SglangCi.Cli.Cluster;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.Postgres;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;
using Xunit.Abstractions;

namespace SglangCi.Integration.Tests.Cluster;

/// <summary>
/// PostgreSQL restarts under a running cluster (every session cut, every pooled connection dead): the silos stay up
/// and reconnect (and re-claim their node names), and a reminder registered before the restart keeps firing after it,
/// also from silos started afresh (so it is read back from the table), its work stored as before.
/// On a server of this test's own, so the other tests' databases are not cut.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(EndToEndCollection.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output) : ClusterTest(output)
{
    private const string Node = "gpu-a";
    private const string OtherNode = "gpu-b";
    private const string Probe = "restart-probe";
    private static readonly TimeSpan FiringTimeout = TimeSpan.FromMinutes(3);

    private PrivatePostgresServer? _server;

    protected override async Task<string> CreateClusterDatabaseAsync()
    {
        _server = await PrivatePostgresServer.StartAsync();
        return _server.ConnectionString;
    }

    [PostgresFact]
    public async Task After_a_restart_the_silos_reconnect_and_no_reminder_is_lost()
    {
        SiloProcess[] silos = [StartSilo(Node), StartSilo(OtherNode)];
        await WaitOnlineAsync(Node, OtherNode);

        // A schedule firing every minute (a job that holds no GPUs), driven by its grain's Orleans reminder.
        var target = new ClusterTarget.Postgres(ClusterConnectionString, ClusterIdentity.DefaultClusterId);
        await using (var cluster = await ClusterConnection.ConnectAsync(target, CancellationToken.None))
        {
            await cluster.Client.GetGrain<IScheduleGrain>(Probe).Configure(new ScheduleDefinition(
                Probe, "* * * * *", "UTC", Enabled: true, [new ScheduledJob("", Node, RunMode.DailySummary)]));
        }

        await WaitUntilAsync(FiringTimeout, async () => await LastFiredAsync() is not null, $"schedule {Probe} to fire once");

        var restartedAt = DateTimeOffset.UtcNow;
        await _server!.RestartAsync(TimeSpan.FromSeconds(5));
        Output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} PostgreSQL restarted");

        await WaitUntilAsync(FiringTimeout, async () => await LastFiredAsync() > restartedAt, $"schedule {Probe} to fire again after the restart");
        await WaitOnlineAsync(Node, OtherNode);
        foreach (var silo in silos)
        {
            Assert.False(silo.Process.HasExited, $"silo {silo.NodeName} must survive the database restart:\n{silo.Process.CapturedOutput}");

            // Its claim on the node name went with its session; the claim's watch takes it again.
            await WaitUntilAsync(TimeSpan.FromSeconds(60), () => Task.FromResult(
                silo.Process.CapturedOutput.Contains($"Re-claimed node name {silo.NodeName}", StringComparison.Ordinal)), $"silo {silo.NodeName} to re-claim its node name");
        }

        // The reminder is in the table, not only in the silos' memory: silos started afresh load it and it fires again.
        foreach (var silo in silos)
        {
            await silo.KillAsync();
        }

        var restartedSilosAt = DateTimeOffset.UtcNow;
        StartSilo(Node);
        StartSilo(OtherNode);
        await WaitOnlineAsync(Node, OtherNode);
        await WaitUntilAsync(FiringTimeout, async () => await LastFiredAsync() > restartedSilosAt, $"schedule {Probe} to fire from silos started after the restart");

        // The run the last firing started reached the results tables.
        var fired = await StatusAsync();
        Assert.NotEmpty(fired.LastRunIds);
        await using var connection = new NpgsqlConnection(ClusterConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM runs WHERE id = ANY(@ids)", connection);
        count.Parameters.AddWithValue("ids", fired.LastRunIds.ToArray());
        Assert.Equal(fired.LastRunIds.Count, (long)(await count.ExecuteScalarAsync())!);
    }

    private async Task<DateTimeOffset?> LastFiredAsync()
    {
        try
        {
            return (await StatusAsync()).LastFiredAt;
        }
        catch (GatewayUnreachableException)
        {
            return null;
        }
    }

    private async Task<ScheduleStatus> StatusAsync()
    {
        var target = new ClusterTarget.Postgres(ClusterConnectionString, ClusterIdentity.DefaultClusterId);
        await using var cluster = await ClusterConnection.ConnectAsync(target, CancellationToken.None);
        return await cluster.Client.GetGrain<IScheduleGrain>(Probe).GetStatus();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
