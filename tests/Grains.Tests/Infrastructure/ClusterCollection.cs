namespace SglangCi.Grains.Tests.Infrastructure;

/// <summary>Test classes sharing the one-silo cluster (a cluster takes seconds to start; tests use distinct node names).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
