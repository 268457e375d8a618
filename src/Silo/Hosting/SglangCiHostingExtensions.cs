using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using SglangCi.Interfaces;
using SglangCi.Silo.Alerts;
using SglangCi.Silo.Images;
using SglangCi.Silo.Placement;
using SglangCi.Silo.RunKinds;
using SglangCi.Silo.Runtimes;
using SglangCi.Silo.Seeding;
using SglangCi.Silo.Storage;

namespace SglangCi.Silo.Hosting;

/// <summary>
/// Puts an SglangCi silo into a host. The dashboard calls this to co-host the silo (embedded mode, the
/// default); <c>src/Silo</c>'s own Program calls it to run a silo per GPU host.
/// </summary>
public static class SglangCiHostingExtensions
{
    public static TBuilder AddSglangCiSilo<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var options = builder.Configuration.GetSection(SglangCiOptions.SectionName).Get<SglangCiOptions>() ?? new SglangCiOptions();
        if (options.Cluster.Mode == ClusterMode.Cluster)
        {
            // Fail loudly rather than silently falling back to a private SQLite file that no other silo sees.
            throw new NotSupportedException(
                "SglangCi:Cluster:Mode=Cluster (PostgreSQL membership, storage and reminders) is not available in this build yet; " +
                "run embedded (the default) or see README 'Cluster mode' for the configuration it will take.");
        }

        var dataDirectory = DataDirectoryResolver.Resolve(builder.Configuration);
        var sqlite = new SglangCiStorageOptions { DataDirectory = dataDirectory }.SqliteConnectionString;
        builder.Services.AddSingleton(new SglangCiEnvironment(dataDirectory, options.Cluster.NodeName));
        builder.Services.Configure<SglangCiOptions>(builder.Configuration.GetSection(SglangCiOptions.SectionName));

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(
                siloPort: options.Cluster.SiloPort,
                gatewayPort: options.Cluster.GatewayPort,
                serviceId: ClusterIdentity.ServiceId,
                clusterId: options.Cluster.ClusterId);
            silo.Configure<SiloOptions>(o => o.SiloName = options.Cluster.NodeName);
            silo.UseSglangCiSqliteStorage(sqlite);
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
