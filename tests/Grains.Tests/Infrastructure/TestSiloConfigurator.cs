using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;
using SglangCi.Grains.Storage;
using SglangCi.Interfaces;
using SglangCi.Silo.Placement;
using SglangCi.Silo.Runtimes;

namespace SglangCi.Grains.Tests.Infrastructure;

/// <summary>
/// A test silo as the product configures one, with fast timings: shared in-memory storage and results,
/// in-memory reminders, the simulated runtime, node placement (the primary hosts unassigned nodes; with
/// <c>Test:SecondaryName</c> set, secondaries take that name, i.e. they are that node's silo).
/// </summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public const string SecondaryNameKey = "Test:SecondaryName";
    public const string DataDirKey = "Test:DataDir";

    /// <summary>TestCluster's name for its first silo; it hosts every node no silo is named after.</summary>
    public const string PrimaryName = "Primary";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        var services = siloBuilder.Services;

        services.AddGrainStorage(ClusterIdentity.StorageName, (sp, _) =>
            new SharedMemoryGrainStorage(sp.GetRequiredService<Serializer>(), sp.GetRequiredService<IOptions<ClusterOptions>>()));
        siloBuilder.UseInMemoryReminderService();
        services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));

        var secondaryName = configuration[SecondaryNameKey];
        services.PostConfigure<SiloOptions>(o =>
        {
            if (!string.IsNullOrEmpty(secondaryName) && o.SiloName.StartsWith("Secondary", StringComparison.Ordinal))
            {
                o.SiloName = secondaryName;
            }
        });
        siloBuilder.AddNodeSiloPlacement(o => o.UnassignedNodesSilo = PrimaryName);
        services.AddOptions<NodeSiloPlacementOptions>()
            .PostConfigure<IOptions<SiloOptions>>((o, silo) => o.HostUnassignedNodes = silo.Value.SiloName == PrimaryName);

        // A killed silo must be declared dead quickly for the restart test.
        services.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
        });

        services.AddSglangCiEngineRuntimes(configuration, configuration[DataDirKey]);
        services.AddSingleton<IResultsStore>(sp => InMemoryResultsStore.For(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId));
    }
}
