using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Grains.Tests.RunKinds;

/// <summary>Drives one silo-registered kind through <see cref="RunPipeline"/> directly (no run grain), recording what it reports.</summary>
internal static class KindPipeline
{
    /// <summary>A plan of a kind that runs no model and holds no GPUs (as <see cref="RunPlanner"/> makes one).</summary>
    public static RunPlan Plan(string runId, string node, RunMode mode, string hardware, RunOptions? options = null, DateOnly? imageDate = null) =>
        new(runId, node, 0, new EngineLaunch(runId, "simulated", "", [], new Dictionary<string, string>(), TimeSpan.FromSeconds(30)), null, null)
        {
            Mode = mode,
            Hardware = hardware,
            Options = options ?? new RunOptions(),
            ImageDate = imageDate,
        };

    public static async Task<RecordingRunSink> RunAsync(ClusterFixture fixture, IRunKind kind, RunPlan plan)
    {
        var sp = fixture.SiloServices(fixture.PrimarySilo);
        var services = new RunPipelineServices(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<Gsm8kDatasetSource>(),
            TimeProvider.System,
            Options.Create(new RunGrainOptions { LogDirectory = Path.Combine(fixture.DataDirectory, "kind-logs") }),
            NullLogger<RunPipeline>.Instance,
            kinds: new RunKindCatalog([kind]));
        var sink = new RecordingRunSink();
        await new RunPipeline(services, fixture.Grains).RunAsync(plan, sink.Reports, Guid.NewGuid(), CancellationToken.None);
        return sink;
    }
}
