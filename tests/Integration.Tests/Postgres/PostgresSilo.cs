using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.Storage;
using SglangCi.Interfaces;
using SglangCi.Silo.Hosting;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>A silo of a cluster on PostgreSQL (membership, grain state, reminders), on 127.0.0.1 and free ports.</summary>
public sealed class PostgresSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private PostgresSilo(IHost host, int siloPort, int gatewayPort)
    {
        _host = host;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<PostgresSilo> StartAsync(string connectionString, string clusterId)
    {
        var ports = FreePorts.Take(2);
        var (siloPort, gatewayPort) = (ports[0], ports[1]);
        var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = ClusterIdentity.ServiceId;
                });
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
                silo.UseSglangCiPostgresOrleans(connectionString);
                silo.UseFastReminders();
            })
            .Build();
        await host.StartAsync();
        return new PostgresSilo(host, siloPort, gatewayPort);
    }

    /// <summary>Stops the silo (gracefully: it writes itself dead in the membership table); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
