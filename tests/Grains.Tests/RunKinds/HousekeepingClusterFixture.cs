using Orleans.TestingHost;
using SglangCi.Silo.RunKinds;

namespace SglangCi.Grains.Tests.RunKinds;

[CollectionDefinition(Name)]
public sealed class HousekeepingCollection : ICollectionFixture<HousekeepingClusterFixture>
{
    public const string Name = "housekeeping-cluster";
}

/// <summary>
/// A one-silo cluster like <see cref="ClusterFixture"/> with the silo's housekeeping run kind registered as the product
/// registers it, and two extra disk paths: the temp folder and one that does not exist. A file system is never
/// "too full" here (warning at 100 %), so the checks' statuses depend only on the job's critical free space.
/// </summary>
public sealed class HousekeepingClusterFixture : ClusterFixture
{
    public string TempPath { get; } = Path.GetFullPath(Path.GetTempPath()).TrimEnd(Path.DirectorySeparatorChar);

    public string MissingPath => Path.Combine(DataDirectory, "no-such-folder");

    public string AlertsFile => DefaultAlertsFile;

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["SglangCi:Housekeeping:DiskPaths:0"] = TempPath;
        settings["SglangCi:Housekeeping:DiskPaths:1"] = MissingPath;
        settings["SglangCi:Housekeeping:WarnUsedPercent"] = "100";
    }

    protected override void AddSiloConfigurator(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<Configurator>();

    /// <summary>The product's test silo plus the housekeeping run kind.</summary>
    public sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            new TestSiloConfigurator().Configure(siloBuilder);
            siloBuilder.Services.AddHousekeepingRunKind(siloBuilder.Configuration, siloBuilder.Configuration[TestSiloConfigurator.DataDirKey]!);
        }
    }
}
