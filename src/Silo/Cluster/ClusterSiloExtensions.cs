using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using SglangCi.Interfaces;
using SglangCi.Silo.Hosting;
using SglangCi.Silo.Placement;
using SglangCi.Silo.Storage.Postgres;

namespace SglangCi.Silo.Cluster;

/// <summary>Cluster mode's silo: one per GPU host, every shared thing in PostgreSQL.</summary>
public static class ClusterSiloExtensions
{
    /// <summary>
    /// Joins the cluster <paramref name="cluster"/> names through PostgreSQL (membership, grain state, reminders and the
    /// results tables), as the silo of node <see cref="ClusterSettings.NodeName"/>, which it claims (one silo per name)
    /// and registers with <paramref name="node"/>'s facts.
    /// </summary>
    public static ISiloBuilder UseSglangCiCluster(this ISiloBuilder silo, ClusterSettings cluster, NodeSettings node)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(node);
        if (string.IsNullOrWhiteSpace(cluster.Postgres))
        {
            throw new SiloSettingsException("Cluster mode needs SglangCi:Cluster:Postgres (--postgres \"Host=…;Username=…;Password=…;Database=…\").");
        }

        if (string.IsNullOrWhiteSpace(cluster.NodeName))
        {
            throw new SiloSettingsException("Cluster mode needs this silo's node name: --node NAME (SglangCi:Cluster:NodeName).");
        }

        // Settings problems surface here, at start, naming the key; not later in a grain.
        var inventories = node.ToInventories(cluster.NodeName);
        var advertised = AdvertisedAddress.Resolve(cluster.AdvertisedAddress);
        string postgres;
        try
        {
            postgres = PostgresConnectionStrings.WithPoolCap(cluster.Postgres);
        }
        catch (ArgumentException e)
        {
            throw new SiloSettingsException($"SglangCi:Cluster:Postgres (--postgres): {e.Message}");
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = ClusterIdentity.ServiceId;
        });
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = advertised;
            o.SiloPort = cluster.SiloPort;
            o.GatewayPort = cluster.GatewayPort;
            // Listen on every interface; the advertised address is only what others are told.
            o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, cluster.SiloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, cluster.GatewayPort);
        });
        silo.UseSglangCiPostgresOrleans(postgres);
        silo.Services.AddPostgresResultsStore(postgres);
        silo.AddNodeSiloPlacement(o => o.HostUnassignedNodes = cluster.HostUnassignedNodes);

        silo.Services.AddSingleton(sp => new NodeNameClaim(
            postgres, cluster.ClusterId, cluster.NodeName,
            sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<NodeNameClaim>>()));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<NodeNameClaim>());
        silo.Services.AddSingleton(inventories);
        silo.Services.AddHostedService<NodeSelfRegistration>();
        return silo;
    }
}
