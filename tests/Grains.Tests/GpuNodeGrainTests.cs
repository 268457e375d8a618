using Microsoft.Extensions.DependencyInjection;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Runtimes.Simulated;

namespace SglangCi.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GpuNodeGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(1);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Queue_is_first_in_first_out_and_a_waiter_keeps_its_place()
    {
        var node = await NodeAsync("fifo-node", gpus: 2);

        // The idle check needs a probe taken after the request arrived; the probe runs off the node's turn.
        var first = await node.RequestLease(new LeaseRequest("run-a", 2, Ttl));
        Assert.True(first.Outcome == LeaseOutcome.Queued && first.Reason == "probing GPUs", $"{first.Outcome}: {first.Reason}");
        var a = await Probed(node, new LeaseRequest("run-a", 2, Ttl));
        Assert.Equal(LeaseOutcome.Granted, a.Outcome);
        Assert.Equal([0, 1], a.Lease!.Gpus);
        Assert.Equal(a.Lease.LeaseId, (await node.RequestLease(new LeaseRequest("run-a", 2, Ttl))).Lease!.LeaseId);

        var b = await node.RequestLease(new LeaseRequest("run-b", 2, Ttl));
        Assert.Equal(LeaseOutcome.Queued, b.Outcome);
        Assert.Equal(1, b.QueuePosition);
        var c = await node.RequestLease(new LeaseRequest("run-c", 1, Ttl));
        Assert.Equal(LeaseOutcome.Queued, c.Outcome);
        Assert.Equal(2, c.QueuePosition);
        Assert.Equal(["run-b", "run-c"], (await node.GetStatus()).QueuedRuns);

        await node.ReleaseLease(a.Lease.LeaseId, "done");
        await node.ReleaseLease(a.Lease.LeaseId, "done again"); // idempotent

        // run-c needs fewer GPUs than are free, but run-b is first in line.
        Assert.Equal(LeaseOutcome.Queued, (await node.RequestLease(new LeaseRequest("run-c", 1, Ttl))).Outcome);
        var bGranted = await Probed(node, new LeaseRequest("run-b", 2, Ttl));
        Assert.Equal(LeaseOutcome.Granted, bGranted.Outcome);
        var cWaits = await node.RequestLease(new LeaseRequest("run-c", 1, Ttl));
        Assert.Equal(LeaseOutcome.Queued, cWaits.Outcome);
        Assert.Equal(1, cWaits.QueuePosition);

        await node.LeaveQueue("run-c");
        await node.ReleaseLease(bGranted.Lease!.LeaseId, "done");
        var status = await node.GetStatus();
        Assert.Empty(status.ActiveLeases);
        Assert.Empty(status.QueuedRuns);
        var history = await node.GetLeaseHistory();
        Assert.Equal("done", history.Single(h => h.RunId == "run-a").EndReason);
    }

    [Fact]
    public async Task Lease_that_is_not_renewed_expires_and_renewal_extends_it()
    {
        var node = await NodeAsync("expiry-node", gpus: 4);
        var kept = (await Probed(node, new LeaseRequest("kept", 2, TimeSpan.FromSeconds(2)))).Lease!;
        var dropped = (await Probed(node, new LeaseRequest("dropped", 2, TimeSpan.FromSeconds(1)))).Lease!;

        for (var i = 0; i < 8; i++)
        {
            await Task.Delay(400);
            Assert.True(await node.RenewLease(kept.LeaseId));
        }

        var status = await node.GetStatus();
        var active = Assert.Single(status.ActiveLeases);
        Assert.Equal("kept", active.RunId);
        Assert.True(active.ExpiresAt > kept.ExpiresAt);
        Assert.False(await node.RenewLease(dropped.LeaseId));
        var expired = (await node.GetLeaseHistory()).Single(h => h.RunId == "dropped");
        Assert.Equal("expired", expired.EndReason);

        await Eventually.Until(node.GetStatus, s => s.ActiveLeases.Count == 0, TimeSpan.FromSeconds(10), "expiry of the unrenewed lease");
        Assert.Equal("expired", (await node.GetLeaseHistory()).Single(h => h.RunId == "kept").EndReason);
    }

    [Fact]
    public async Task Busy_gpu_is_not_granted_and_its_process_is_reported()
    {
        var node = await NodeAsync("busy-node", gpus: 4);
        var load = fixture.SiloServices(fixture.PrimarySilo).GetRequiredService<SimulatedGpuLoad>();
        load.MarkBusy("busy-node", 0, "python3 (pid 4242)");
        try
        {
            var partial = await Probed(node, new LeaseRequest("three", 3, Ttl));
            Assert.Equal(LeaseOutcome.Granted, partial.Outcome);
            Assert.Equal([1, 2, 3], partial.Lease!.Gpus);
            await node.ReleaseLease(partial.Lease.LeaseId, "done");

            var all = await Probed(node, new LeaseRequest("four", 4, Ttl));
            Assert.Equal(LeaseOutcome.Queued, all.Outcome);
            Assert.Contains("GPU 0 busy", all.Reason);
            var probe = (await node.GetStatus()).LastProbe!;
            Assert.Equal(["python3 (pid 4242)"], probe.Gpus.Single(g => g.Index == 0).Processes);

            // A waiter whose pick failed makes the node look again, so the freed GPU is seen by a later request.
            load.MarkIdle("busy-node", 0);
            await Eventually.Until(() => node.RequestLease(new LeaseRequest("four", 4, Ttl)), r => r.Outcome == LeaseOutcome.Granted, TimeSpan.FromSeconds(10), "grant once GPU 0 is idle");
        }
        finally
        {
            load.MarkIdle("busy-node", 0);
        }
    }

    [Fact]
    public async Task Requests_beyond_the_node_or_on_an_unconfigured_node_are_refused()
    {
        var node = await NodeAsync("small-node", gpus: 2);
        Assert.Equal(LeaseOutcome.Refused, (await node.RequestLease(new LeaseRequest("big", 4, Ttl))).Outcome);
        var unknown = await Grains.GetGrain<IGpuNodeGrain>("unconfigured-node").RequestLease(new LeaseRequest("x", 1, Ttl));
        Assert.Equal(LeaseOutcome.Refused, unknown.Outcome);
        Assert.Contains("not configured", unknown.Reason);
        await Assert.ThrowsAsync<ArgumentException>(() => node.Configure(TestPresets.Node("other-name")));
        Assert.Contains("small-node", await Grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).List(CatalogKind.Node));
    }

    [Fact]
    public async Task Leaving_the_queue_also_ends_a_lease_the_run_holds()
    {
        var node = await NodeAsync("leave-node", gpus: 2);
        var granted = await Probed(node, new LeaseRequest("leaver", 2, Ttl));
        Assert.Equal(LeaseOutcome.Granted, granted.Outcome);

        // E.g. the grant's answer was lost with the run's silo: the run only knows to leave the queue.
        await node.LeaveQueue("leaver");

        var status = await node.GetStatus();
        Assert.Empty(status.ActiveLeases);
        Assert.Empty(status.QueuedRuns);
        Assert.Equal("left queue", (await node.GetLeaseHistory()).Single(h => h.RunId == "leaver").EndReason);
        Assert.False(await node.RenewLease(granted.Lease!.LeaseId));
    }

    [Fact]
    public async Task Configure_refuses_fewer_gpus_than_active_leases_use_and_a_runtime_the_silo_lacks()
    {
        var node = await NodeAsync("shrink-node", gpus: 4);
        var lease = (await Probed(node, new LeaseRequest("holder", 4, Ttl))).Lease!;

        var shrink = await Assert.ThrowsAsync<ArgumentException>(() => node.Configure(TestPresets.Node("shrink-node", gpus: 2)));
        Assert.Contains("node 'shrink-node'", shrink.Message);
        Assert.Contains("active leases", shrink.Message);
        Assert.Equal(4, (await node.GetStatus()).Inventory!.GpuCount);

        // Every silo registers the simulated, Docker and process runtimes; a kind it has no runtime for (a newer
        // client's, say) is refused by name rather than failing the first run.
        var unknownKind = (EngineRuntimeKind)99;
        var runtime = await Assert.ThrowsAsync<ArgumentException>(() =>
            node.Configure(TestPresets.Node("shrink-node", gpus: 4) with { Runtime = unknownKind }));
        Assert.Contains("node 'shrink-node'", runtime.Message);
        Assert.Contains("'99'", runtime.Message);

        await node.ReleaseLease(lease.LeaseId, "done");
        await node.Configure(TestPresets.Node("shrink-node", gpus: 2));
        Assert.Equal(2, (await node.GetStatus()).Inventory!.GpuCount);
    }

    [Fact]
    public async Task Two_runs_needing_the_whole_node_never_overlap_and_run_in_start_order()
    {
        await NodeAsync("serial-node", gpus: 8);
        await Grains.GetGrain<IModelPresetGrain>("serial").Save(TestPresets.Tiny("serial", gpuCount: 8));

        var ids = new List<string>();
        foreach (var _ in new[] { 1, 2 })
        {
            var id = RunIds.Create("serial", "serial-node", DateTimeOffset.UtcNow);
            await Grains.GetGrain<IRunGrain>(id).Start(new RunRequest("serial", "serial-node", RunMode.Online, null, null, "test"));
            ids.Add(id);
        }

        foreach (var id in ids)
        {
            var summary = await Eventually.Until(
                Grains.GetGrain<IRunGrain>(id).GetSummary, s => s!.Status.IsTerminal(), TimeSpan.FromSeconds(180), $"end of {id}");
            Assert.True(summary!.Status == RunStatus.Succeeded, summary.Reason);
        }

        var history = await Grains.GetGrain<IGpuNodeGrain>("serial-node").GetLeaseHistory();
        var first = history.Single(h => h.RunId == ids[0]);
        var second = history.Single(h => h.RunId == ids[1]);
        Assert.NotNull(first.EndedAt);
        Assert.NotNull(second.EndedAt);
        Assert.True(first.GrantedAt < second.GrantedAt, "FIFO: the run started first gets the GPUs first");
        Assert.True(first.EndedAt <= second.GrantedAt, $"leases overlap: [{first.GrantedAt:O}, {first.EndedAt:O}] and [{second.GrantedAt:O}, {second.EndedAt:O}]");
    }

    /// <summary>Asks until the node has a probe to decide on (the first ask of a new request only starts one).</summary>
    private static Task<LeaseResponse> Probed(IGpuNodeGrain node, LeaseRequest request) =>
        Eventually.Until(() => node.RequestLease(request), r => r.Reason != "probing GPUs", TimeSpan.FromSeconds(10), $"probe for {request.RunId}");

    private async Task<IGpuNodeGrain> NodeAsync(string name, int gpus)
    {
        var node = Grains.GetGrain<IGpuNodeGrain>(name);
        await node.Configure(TestPresets.Node(name, gpus));
        return node;
    }
}
