using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using SglangCi.Interfaces;
using SglangCi.Silo.Hosting;
using SglangCi.Silo.Storage;
using SglangCi.Silo.Storage.Postgres;

namespace SglangCi.Silo.Cluster;

/// <summary>
/// Joining a cluster as a client (the dashboard in cluster mode, the CLI with <c>--postgres</c>): the gateways are
/// whatever silos the membership table lists as active, so no client needs to know a silo's address.
/// </summary>
public static class ClusterClientExtensions
{
    /// <summary>Gateways from the cluster's membership table in PostgreSQL.</summary>
    public static IClientBuilder UseSglangCiClusterGateways(this IClientBuilder client, string postgresConnectionString, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var postgres = PostgresConnectionStrings.WithPoolCap(postgresConnectionString, maxPoolSize: 2);
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = StorageHostingExtensions.PostgresInvariant;
            o.ConnectionString = postgres;
        });
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = clusterId;
            o.ServiceId = ClusterIdentity.ServiceId;
        });
        return client;
    }

    /// <summary>
    /// The dashboard's cluster mode: an Orleans client instead of a co-hosted silo. It keeps trying to reach the cluster
    /// while none of its silos is up (<see cref="ClusterConnectionRetry"/>), serving meanwhile: /healthz answers 503 and
    /// pages say the cluster is unavailable, rather than the process exiting.
    /// </summary>
    public static TBuilder AddSglangCiClusterClient<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var options = builder.Configuration.GetSection(SglangCiOptions.SectionName).Get<SglangCiOptions>() ?? new SglangCiOptions();
        if (string.IsNullOrWhiteSpace(options.Cluster.Postgres))
        {
            throw new InvalidOperationException("A cluster client needs SglangCi:Cluster:Postgres (--postgres CONNSTRING).");
        }

        builder.Services.AddSingleton(new SglangCiEnvironment(DataDirectoryResolver.Resolve(builder.Configuration), options.Cluster.NodeName));
        builder.Services.Configure<SglangCiOptions>(builder.Configuration.GetSection(SglangCiOptions.SectionName));
        builder.UseOrleansClient(client =>
        {
            client.UseSglangCiClusterGateways(options.Cluster.Postgres, options.Cluster.ClusterId);
            client.Services.AddSingleton<IClientConnectionRetryFilter, ClusterConnectionRetry>();
        });

        // The client's start waits for a silo; started one after the other, the web server would wait with it and the
        // dashboard would not even answer /healthz (503) meanwhile.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        return builder;
    }
}
