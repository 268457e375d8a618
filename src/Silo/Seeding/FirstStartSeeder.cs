using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Nodes;
using SglangCi.Silo.Hosting;

namespace SglangCi.Silo.Seeding;

/// <summary>
/// Gives an empty data directory something to show: the simulated 8-GPU node, the preset catalog, the
/// schedules and a file alert channel; then (unless configured off) fires one night right away so a new
/// user sees results on the dashboard within minutes (<see cref="SeedCatalog.FirstNightSchedule"/> only; the other
/// schedules wait for their time). The machines' schedules (<c>mi30x.json</c>, <c>mi35x.json</c>) are seeded
/// disabled: this cluster has only the simulated node; an operator who adds <c>mi30x-1</c> enables them with
/// <c>sglang-ci schedule enable NAME</c>. "Empty" means the catalog knows no node yet, so a
/// restart never seeds or fires twice.
/// </summary>
internal sealed partial class FirstStartSeeder(
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    SglangCiEnvironment environment,
    IOptions<SglangCiOptions> options,
    ILogger<FirstStartSeeder> logger) : BackgroundService
{
    public const string SimulatedNodeName = "sim-node-1";
    public const string DefaultAlertChannel = "default";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need the silo to be up; the silo is a hosted service that finishes starting first.
        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }

        try
        {
            await SeedAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogSeedFailed(logger, e);
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task SeedAsync(CancellationToken stoppingToken)
    {
        var catalog = grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key);
        if ((await catalog.List(CatalogKind.Node)).Count > 0)
        {
            return;
        }

        foreach (var preset in SeedCatalog.Presets())
        {
            await grains.GetGrain<IModelPresetGrain>(preset.Name).Save(preset);
        }

        await grains.GetGrain<IAlertChannelGrain>(DefaultAlertChannel).Configure(new AlertChannelConfig(
            DefaultAlertChannel, AlertChannelKind.File, Path.Combine(environment.AlertsDirectory, "alerts.jsonl"), SecretName: null));

        var schedules = SeedCatalog.Schedules();
        foreach (var schedule in schedules)
        {
            await grains.GetGrain<IScheduleGrain>(schedule.Name).Configure(schedule);
        }

        // The node goes last: "the catalog knows a node" is what marks the directory as seeded, so a
        // failure above (a broken preset, an unknown time zone) is retried on the next start.
        await grains.GetGrain<IGpuNodeGrain>(SimulatedNodeName).Configure(new NodeInventory(
            SimulatedNodeName, Hardware: "sim", Host: Environment.MachineName, GpuCount: 8, EngineRuntimeKind.Simulated));
        LogSeeded(logger, SimulatedNodeName, schedules.Count);
        stoppingToken.ThrowIfCancellationRequested();

        if (options.Value.FirstStart.RunNight)
        {
            foreach (var schedule in schedules.Where(SeedCatalog.FiresAtFirstStart))
            {
                var runs = await grains.GetGrain<IScheduleGrain>(schedule.Name).Fire("first-start");
                LogFirstNight(logger, schedule.Name, runs.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: seeded node {Node}, the preset catalog and {Schedules} schedule(s)")]
    private static partial void LogSeeded(ILogger logger, string node, int schedules);

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: schedule {Schedule} fired {Runs} run(s) now")]
    private static partial void LogFirstNight(ILogger logger, string schedule, int runs);

    [LoggerMessage(Level = LogLevel.Error, Message = "First start seeding failed")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
