namespace SglangCi.Grains.Tests.Infrastructure;

/// <summary>A primary (hosting unassigned nodes) and a secondary that is node "node-a"'s silo.</summary>
public sealed class TwoSiloClusterFixture : ClusterFixture
{
    public const string NodeSilo = "node-a";

    protected override int Silos => 2;

    protected override string? SecondaryName => NodeSilo;
}
