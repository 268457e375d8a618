using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>Turns a request, its preset and its node into what the pipeline runs and what lists show, or a clear ArgumentException.</summary>
public static class RunPlanner
{
    /// <summary>The request's preset and node inventory; an unknown name is an ArgumentException naming it.</summary>
    public static async Task<(ModelPreset Preset, NodeInventory Inventory)> ResolveAsync(IGrainFactory grains, string runId, RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.PresetName) || string.IsNullOrWhiteSpace(request.NodeName))
        {
            throw new ArgumentException($"run '{runId}': PresetName and NodeName are required");
        }

        var preset = await grains.GetGrain<IModelPresetGrain>(request.PresetName).Get()
            ?? throw new ArgumentException($"unknown preset '{request.PresetName}'");

        // A node that was never configured has no inventory; its grain holds no timer, so asking does not pin it.
        var inventory = (await grains.GetGrain<IGpuNodeGrain>(request.NodeName).GetStatus()).Inventory
            ?? throw new ArgumentException($"unknown node '{request.NodeName}'");
        return (preset, inventory);
    }

    public static RunPlan Plan(string runId, RunRequest request, ModelPreset preset, NodeInventory inventory, RunGrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(options);
        if (preset.GpuCount > inventory.GpuCount)
        {
            throw new ArgumentException($"preset '{preset.Name}' needs {preset.GpuCount} GPU(s); node '{inventory.Name}' has {inventory.GpuCount}");
        }

        try
        {
            var launch = preset.LaunchFor(inventory.Hardware);
            return new RunPlan(
                runId,
                inventory.Name,
                preset.GpuCount,
                new EngineLaunch(runId, Image(request), preset.ModelPath, launch.ServerArgs, launch.Environment, options.EngineStartupTimeout),
                preset.Gsm8k,
                preset.BenchmarkFor(inventory.Hardware))
            {
                Mode = request.Mode,
                Offline = request.Mode == RunMode.Offline ? preset.OfflineFor(inventory.Hardware) : [],
                PreLaunch = launch.PreLaunch ?? [],
            };
        }
        catch (InvalidOperationException e)
        {
            // No launch or plan for this hardware: the request is wrong, not the cluster.
            throw new ArgumentException(e.Message, e);
        }
    }

    /// <summary>The summary of a run just queued: not started (<see cref="RunSummary.StartedAt"/> is set when it gets its GPUs).</summary>
    public static RunSummary Queued(string runId, RunRequest request, ModelPreset preset, NodeInventory inventory, DateTimeOffset now) => new(
        runId,
        preset.Name,
        preset.Version,
        preset.Model,
        inventory.Name,
        inventory.Host,
        inventory.Hardware,
        request.Mode.ToString().ToLowerInvariant(),
        Image(request),
        request.ImageDate ?? DateOnly.FromDateTime(now.UtcDateTime),
        RunStatus.Queued,
        null,
        null,
        null,
        RunPhase.Queued,
        request.Trigger);

    private static string Image(RunRequest request) => request.Image ?? "simulated";
}
