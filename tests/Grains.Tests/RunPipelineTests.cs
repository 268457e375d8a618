using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Runs;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Grains.Tests;

/// <summary>The pipeline driven directly (plain C#) against the cluster's nodes, with its own options.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RunPipelineTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_run_that_gets_no_gpus_within_the_queue_limit_fails_with_the_nodes_reason_and_leaves_the_queue()
    {
        var node = fixture.Grains.GetGrain<IGpuNodeGrain>("wait-node");
        await node.Configure(TestPresets.Node("wait-node", gpus: 2));
        var blocker = await Eventually.Until(
            () => node.RequestLease(new LeaseRequest("blocker", 2, TimeSpan.FromMinutes(1))), r => r.Outcome == LeaseOutcome.Granted, TimeSpan.FromSeconds(10), "blocker lease");

        var sp = fixture.SiloServices(fixture.PrimarySilo);
        var services = new RunPipelineServices(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<Gsm8kDatasetSource>(),
            TimeProvider.System,
            Options.Create(new RunGrainOptions { MaxQueueWait = TimeSpan.FromSeconds(1), LeasePollInterval = TimeSpan.FromMilliseconds(100) }),
            NullLogger<RunPipeline>.Instance);
        var preset = TestPresets.Tiny("wait", gpuCount: 2);
        var plan = new RunPlan("waiter", "wait-node", 2, new EngineLaunch("waiter", "simulated", preset.ModelPath, [], new Dictionary<string, string>(), TimeSpan.FromSeconds(30)), preset.Gsm8k, preset.BenchmarkFor("sim"));
        var sink = new RecordingRunSink();

        await new RunPipeline(services, fixture.Grains).RunAsync(plan, sink.Reports, Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(RunStatus.Failed, sink.Status);
        Assert.Equal("no GPUs within 00:00:01: needs 2 GPU(s); 2 of 2 are leased", sink.Reason);
        Assert.False(sink.Leased);
        var status = await node.GetStatus();
        Assert.Empty(status.QueuedRuns);
        Assert.Equal("blocker", Assert.Single(status.ActiveLeases).RunId);
        await node.ReleaseLease(blocker.Lease!.LeaseId, "done");
    }
}
