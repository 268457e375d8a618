using SglangCi.Interfaces;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class TwoSiloCollection : ICollectionFixture<TwoSiloClusterFixture>
{
    public const string Name = "two-silos";
}

/// <summary>Node placement and restart recovery on a cluster whose secondary silo is node "node-a".</summary>
[Collection(TwoSiloCollection.Name)]
public sealed class NodePlacementTests(TwoSiloClusterFixture fixture)
{
    private const string Node = TwoSiloClusterFixture.NodeSilo;

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Node_grain_activates_on_the_silo_named_after_it_and_unassigned_nodes_on_the_host()
    {
        var named = Grains.GetGrain<IGpuNodeGrain>(Node);
        await named.Configure(TestPresets.Node(Node, gpus: 4));
        Assert.Equal(Node, (await named.GetStatus()).SiloName);

        var unassigned = Grains.GetGrain<IGpuNodeGrain>("floating-node");
        await unassigned.Configure(TestPresets.Node("floating-node", gpus: 2));
        Assert.Equal("Primary", (await unassigned.GetStatus()).SiloName);
    }

    [Fact]
    public async Task Run_whose_silo_dies_mid_benchmark_ends_interrupted_and_its_lease_is_released()
    {
        var node = Grains.GetGrain<IGpuNodeGrain>(Node);
        await node.Configure(TestPresets.Node(Node, gpus: 4));
        var long_ = new BenchmarkPlan(LoadKind.Concurrency, [new LoadPoint(2, 20000)], 1, 64, 32, 1);
        await Grains.GetGrain<IModelPresetGrain>("restart").Save(TestPresets.Tiny("restart", gpuCount: 4, plan: long_));
        var id = RunIds.Create("restart", Node, DateTimeOffset.UtcNow);
        var run = Grains.GetGrain<IRunGrain>(id);
        await run.Start(new RunRequest("restart", Node, RunMode.Online, null, null, "test"));
        await Eventually.Until(run.GetSummary, s => s!.Phase == RunPhase.Benchmark || s.Status.IsTerminal(), TimeSpan.FromSeconds(120), "benchmark phase");
        Assert.False((await run.GetSummary())!.Status.IsTerminal());

        var nodeSilo = fixture.Cluster.GetActiveSilos().Single(s => s.SiloAddress != fixture.PrimarySilo.SiloAddress);
        await fixture.Cluster.KillSiloAsync(nodeSilo);
        await fixture.Cluster.StartAdditionalSiloAsync();

        var summary = await Eventually.Until(
            run.GetSummary, s => s!.Status.IsTerminal(), TimeSpan.FromSeconds(90), "run end after restart", tolerateErrors: true);
        Assert.True(
            summary!.Status == RunStatus.Succeeded || (summary.Status == RunStatus.Failed && summary.Reason == "interrupted"),
            $"{summary.Status}: {summary.Reason}");

        var status = await Eventually.Until(
            node.GetStatus, s => s.ActiveLeases.Count == 0, TimeSpan.FromSeconds(90), "lease release after restart", tolerateErrors: true);
        Assert.Equal(Node, status.SiloName);
        var entry = (await node.GetLeaseHistory()).Single(h => h.RunId == id);
        Assert.NotNull(entry.EndedAt);
        Assert.Equal("interrupted", entry.EndReason);
    }
}
