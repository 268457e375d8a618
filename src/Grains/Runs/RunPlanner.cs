using SglangCi.Grains.Presets;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>Turns a request, its preset and its node into what the pipeline runs and what lists show, or a clear ArgumentException.</summary>
public static class RunPlanner
{
    /// <summary>The request's preset (null for a kind that runs no model) and node inventory; an unknown name is an ArgumentException naming it.</summary>
    public static async Task<(ModelPreset? Preset, NodeInventory Inventory)> ResolveAsync(IGrainFactory grains, string runId, RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.NodeName))
        {
            throw new ArgumentException($"run '{runId}': NodeName is required");
        }

        if (!Enum.IsDefined(request.Mode))
        {
            throw new ArgumentException($"run '{runId}': unknown mode {(int)request.Mode}");
        }

        ModelPreset? preset = null;
        if (request.Mode.NeedsPreset())
        {
            if (string.IsNullOrWhiteSpace(request.PresetName))
            {
                throw new ArgumentException($"run '{runId}': a {request.Mode.WireName()} run needs PresetName");
            }

            preset = await grains.GetGrain<IModelPresetGrain>(request.PresetName).Get()
                ?? throw new ArgumentException($"unknown preset '{request.PresetName}'");
        }

        // A node that was never configured has no inventory; its grain holds no timer, so asking does not pin it.
        var inventory = (await grains.GetGrain<IGpuNodeGrain>(request.NodeName).GetStatus()).Inventory
            ?? throw new ArgumentException($"unknown node '{request.NodeName}'");
        return (preset, inventory);
    }

    public static RunPlan Plan(string runId, RunRequest request, ModelPreset? preset, NodeInventory inventory, RunGrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(options);
        var common = new
        {
            Mode = request.Mode,
            Hardware = inventory.Hardware,
            Options = request.Options ?? new RunOptions(),
            ImageDate = request.ImageDate,
        };

        if (request.Mode == RunMode.PrImage)
        {
            RefuseWhatAPrImageCannotDo(runId, common.Options, inventory);
        }

        if (preset is null)
        {
            // A job without a model (a unit test holds the whole node; a report holds nothing) runs in the image as it is.
            var gpus = request.Mode.NeedsGpus() ? ModelLessGpus(request, inventory) : 0;
            var bare = new EngineLaunch(runId, Image(request), ModelPath: "", [], new Dictionary<string, string>(), options.EngineStartupTimeout);
            return new RunPlan(runId, inventory.Name, gpus, bare, null, null)
            {
                Mode = common.Mode,
                Hardware = common.Hardware,
                Options = common.Options,
                ImageDate = common.ImageDate,
            };
        }

        if (preset.GpuCount > inventory.GpuCount)
        {
            throw new ArgumentException($"preset '{preset.Name}' needs {preset.GpuCount} GPU(s); node '{inventory.Name}' has {inventory.GpuCount}");
        }

        try
        {
            var launch = LaunchResolver.Resolve(preset, inventory.Hardware);
            var benchmark = preset.TryBenchmarkFor(inventory.Hardware, out var plan) ? plan : null;
            if (request.Mode == RunMode.Online && benchmark is null && preset.HasBenchmark)
            {
                // The preset benchmarks other hardware kinds but not this one: a mistake, not a GSM8K-only preset.
                throw new InvalidOperationException($"Preset '{preset.Name}' has no benchmark plan for hardware '{inventory.Hardware}' and no '*' default.");
            }

            return new RunPlan(
                runId,
                inventory.Name,
                preset.GpuCount,
                new EngineLaunch(runId, Image(request), launch.ModelPath, launch.ServerArgs, launch.Environment, options.EngineStartupTimeout),
                preset.Gsm8k,
                benchmark)
            {
                Mode = common.Mode,
                Hardware = common.Hardware,
                Options = common.Options,
                ImageDate = common.ImageDate,
                Offline = request.Mode == RunMode.Offline ? preset.OfflineFor(inventory.Hardware) : [],
                Pd = request.Mode == RunMode.PdDisaggregation ? preset.PdFor(inventory.Hardware) : null,
                PreLaunch = launch.PreLaunch,
            };
        }
        catch (InvalidOperationException e)
        {
            // No launch or plan for this hardware: the request is wrong, not the cluster.
            throw new ArgumentException(e.Message, e);
        }
    }

    /// <summary>The summary of a run just queued: not started (<see cref="RunSummary.StartedAt"/> is set when it gets its GPUs).</summary>
    public static RunSummary Queued(string runId, RunRequest request, ModelPreset? preset, NodeInventory inventory, DateTimeOffset now) => new(
        runId,
        preset?.Name ?? request.PresetName ?? "",
        preset?.Version ?? 0,
        preset?.Model ?? request.Mode.WireName(),
        inventory.Name,
        inventory.Host,
        inventory.Hardware,
        // A variant preset's online runs continue the old result folders' series (online_dp_attention, …).
        request.Mode == RunMode.Online && preset is not null ? preset.OnlineMode : request.Mode.WireName(),
        Image(request),
        request.ImageDate ?? DateOnly.FromDateTime(now.UtcDateTime),
        RunStatus.Queued,
        null,
        null,
        null,
        RunPhase.Queued,
        request.Trigger)
    {
        JobKey = request.JobKey,
    };

    /// <summary>
    /// A PR image is refused before it is stored or leased: on a bare-metal node (it cannot keep an image, and would
    /// otherwise resolve the PR before failing), and with a remote that carries credentials (they would be stored with the run).
    /// </summary>
    private static void RefuseWhatAPrImageCannotDo(string runId, RunOptions options, NodeInventory inventory)
    {
        if (inventory.Runtime == EngineRuntimeKind.Process)
        {
            throw new ArgumentException(
                $"run '{runId}': node {inventory.Name} runs on bare metal, which cannot keep images: a pr-image run needs a Docker node");
        }

        if (Kinds.PrImageKind.CredentialsProblem(options) is { } problem)
        {
            throw new ArgumentException($"run '{runId}': {problem}");
        }
    }

    /// <summary>The image a request that names none runs on: the node runtime's default (the simulator's own).</summary>
    public const string DefaultImage = "simulated";

    private static string Image(RunRequest request) => request.Image ?? DefaultImage;

    /// <summary>The GPUs a model-less job leases: its options' count, else its kind's default; refused when the node has fewer.</summary>
    private static int ModelLessGpus(RunRequest request, NodeInventory inventory)
    {
        var asked = request.Options?.Gpus;
        if (asked is < 1)
        {
            throw new ArgumentException($"a {request.Mode.WireName()} job needs at least 1 GPU; asked for {asked}");
        }

        if (asked > inventory.GpuCount)
        {
            throw new ArgumentException($"a {request.Mode.WireName()} job asked for {asked} GPU(s); node '{inventory.Name}' has {inventory.GpuCount}");
        }

        return asked ?? request.Mode.DefaultGpus(inventory.GpuCount);
    }
}
