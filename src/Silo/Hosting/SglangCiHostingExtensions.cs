using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using SglangCi.Interfaces;
using SglangCi.Silo.Alerts;
using SglangCi.Silo.Cluster;
using SglangCi.Silo.Images;
using SglangCi.Silo.Placement;
using SglangCi.Silo.RunKinds;
using SglangCi.Silo.Runtimes;
using SglangCi.Silo.Seeding;
using SglangCi.Silo.Storage;

namespace SglangCi.Silo.Hosting;

/// <summary>
/// Puts an SglangCi silo into a host. The dashboard calls this to co-host the silo (embedded mode, the
/// default: localhost clustering and one SQLite file); <c>src/Silo</c>'s own Program calls it to run a silo per GPU
/// host (cluster mode, <c>SglangCi:Cluster:Mode=Cluster</c>: PostgreSQL, see <see cref="ClusterSiloExtensions"/>).
/// </summary>
public static class SglangCiHostingExtensions
{
    public static TBuilder AddSglangCiSilo<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var options = builder.Configuration.GetSection(SglangCiOptions.SectionName).Get<SglangCiOptions>() ?? new SglangCiOptions();
        var dataDirectory = DataDirectoryResolver.Resolve(builder.Configuration);
        builder.Services.AddSingleton(new SglangCiEnvironment(dataDirectory, options.Cluster.NodeName));
        builder.Services.Configure<SglangCiOptions>(builder.Configuration.GetSection(SglangCiOptions.SectionName));

        builder.UseOrleans(silo =>
        {
            silo.Configure<SiloOptions>(o => o.SiloName = options.Cluster.NodeName);
            if (options.Cluster.Mode == ClusterMode.Cluster)
            {
                silo.UseSglangCiCluster(options.Cluster, options.Node);
                return;
            }

            silo.UseLocalhostClustering(
                siloPort: options.Cluster.SiloPort,
                gatewayPort: options.Cluster.GatewayPort,
                serviceId: ClusterIdentity.ServiceId,
                clusterId: options.Cluster.ClusterId);
            silo.UseSglangCiSqliteStorage(new SglangCiStorageOptions { DataDirectory = dataDirectory }.SqliteConnectionString);
            // One process serves every node nobody else claims: the simulated node and any a user adds.
            silo.AddNodeSiloPlacement(o => o.HostUnassignedNodes = true);
        });

        builder.Services.AddSglangCiEngineRuntimes(builder.Configuration, dataDirectory);
        builder.Services.AddSglangCiNightlyImages(builder.Configuration);
        builder.Services.AddSglangCiRunKinds(builder.Configuration, dataDirectory);
        builder.Services.AddSglangCiAlertChannels(builder.Configuration, dataDirectory);
        if (options.FirstStart.Seed)
        {
            builder.Services.AddHostedService<FirstStartSeeder>();
        }

        return builder;
    }
}
