using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Alerts;

namespace SglangCi.Grains.Tests.Infrastructure;

/// <summary>One silo (named "Primary", hosting every node) for the grain tests; the "default" alert channel writes a file.</summary>
public class ClusterFixture : IAsyncLifetime
{
    public ClusterFixture()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "sglci-grain-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public TestCluster Cluster { get; private set; } = null!;

    public string DataDirectory { get; }

    public string DefaultAlertsFile => Path.Combine(DataDirectory, "alerts", "default.jsonl");

    public IGrainFactory Grains => Cluster.Client;

    public SiloHandle PrimarySilo => Cluster.Primary ?? throw new InvalidOperationException("the cluster has no primary silo");

    public InMemoryResultsStore Results => InMemoryResultsStore.For(Cluster.Options.ClusterId);

    protected virtual int Silos => 1;

    protected virtual string? SecondaryName => null;

    public virtual async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder((short)Silos);
        var settings = TestSettings.Values(DataDirectory, SecondaryName);
        AddSettings(settings);
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(settings));
        AddSiloConfigurator(builder);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await Grains.GetGrain<IAlertChannelGrain>("default").Configure(new AlertChannelConfig("default", AlertChannelKind.File, DefaultAlertsFile, null));
    }

    public virtual async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    /// <summary>Configuration a derived fixture's silos need beyond <see cref="TestSettings"/>.</summary>
    protected virtual void AddSettings(Dictionary<string, string?> settings)
    {
    }

    /// <summary>How the silos are built: the product's test silo, or a derived fixture's configurator that extends it.</summary>
    protected virtual void AddSiloConfigurator(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();

    /// <summary>The service provider of a silo (in-process test silos only), e.g. to reach the simulated GPU load.</summary>
    public IServiceProvider SiloServices(SiloHandle silo) => ((InProcessSiloHandle)silo).SiloHost.Services;
}
