using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Alerts;
using SglangCi.Silo.Hosting;

namespace SglangCi.Silo.Seeding;

/// <summary>
/// Gives an empty data directory something to show: the simulated 8-GPU node, the preset catalog, the
/// schedules and a file alert channel; then (unless configured off) fires one night right away so a new
/// user sees results on the dashboard within minutes (<see cref="SeedCatalog.FirstNightSchedule"/>, then its daily
/// summary once every run of that night has ended; the other schedules wait for their time). The machines' schedules (<c>mi30x.json</c>, <c>mi35x.json</c>) are seeded
/// disabled: this cluster has only the simulated node; an operator who adds <c>mi30x-1</c> enables them with
/// <c>sglang-ci schedule enable NAME</c>. "Empty" means the catalog knows no node yet, so a
/// restart never seeds or fires twice.
/// </summary>
internal sealed partial class FirstStartSeeder(
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    SglangCiEnvironment environment,
    AlertChannelSettings alertChannels,
    IOptions<SglangCiOptions> options,
    ILogger<FirstStartSeeder> logger) : BackgroundService
{
    public const string SimulatedNodeName = "sim-node-1";
    public const string DefaultAlertChannel = "default";

    private static readonly TimeSpan FirstNightPoll = TimeSpan.FromSeconds(5);

    /// <summary>The simulated night takes minutes; a night still going after this is stuck, not slow.</summary>
    private static readonly TimeSpan FirstNightLimit = TimeSpan.FromHours(2);

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
        if (options.Value.Cluster.Mode == ClusterMode.Cluster)
        {
            await SeedClusterCatalogAsync(catalog);
            return;
        }

        if ((await catalog.List(CatalogKind.Node)).Count > 0)
        {
            return;
        }

        foreach (var preset in SeedCatalog.Presets())
        {
            await grains.GetGrain<IModelPresetGrain>(preset.Name).Save(preset);
        }

        // A "default" channel in the configuration is configured from there (AlertChannelConfigurator); a file
        // channel here would race it and could win.
        if (!alertChannels.Configures(DefaultAlertChannel))
        {
            await grains.GetGrain<IAlertChannelGrain>(DefaultAlertChannel).Configure(new AlertChannelConfig(
                DefaultAlertChannel, AlertChannelKind.File, Path.Combine(environment.AlertsDirectory, "alerts.jsonl"), SecretName: null));
        }

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
            var night = new List<string>();
            foreach (var schedule in schedules.Where(SeedCatalog.FiresAtFirstStart))
            {
                var runs = await grains.GetGrain<IScheduleGrain>(schedule.Name).Fire("first-start");
                night.AddRange(runs);
                LogFirstNight(logger, schedule.Name, runs.Count);
            }

            var summaries = schedules.Where(SeedCatalog.FiresAfterFirstNight).ToList();
            if (summaries.Count > 0 && await WaitForRunsToEndAsync(night, stoppingToken))
            {
                foreach (var schedule in summaries)
                {
                    var runs = await grains.GetGrain<IScheduleGrain>(schedule.Name).Fire("first-start");
                    LogFirstNight(logger, schedule.Name, runs.Count);
                }
            }
        }
    }

    /// <summary>
    /// A cluster's catalog: every seed preset, schedule and the default channel the catalog does not know yet, so a start
    /// interrupted half-way is completed by the next one (any silo's), and nothing an operator changed is written over.
    /// Every silo may get here at once; each write is idempotent. A cluster's nodes are its silos, each registering itself,
    /// so there is no simulated node and no first night; every seeded schedule starts disabled (its nodes are the
    /// operator's to name: <c>sglang-ci schedule enable NAME</c> once they run). The default channel's file is relative:
    /// the channel grain may run on any silo, and each appends to its own data directory's file
    /// (<c>AlertChannelOptions.FileRoot</c>), never to another host's path.
    /// </summary>
    private async Task SeedClusterCatalogAsync(ICatalogGrain catalog)
    {
        var presets = (await catalog.List(CatalogKind.Preset)).ToHashSet(StringComparer.Ordinal);
        foreach (var preset in SeedCatalog.Presets().Where(p => !presets.Contains(p.Name)))
        {
            await grains.GetGrain<IModelPresetGrain>(preset.Name).Save(preset);
        }

        if (!alertChannels.Configures(DefaultAlertChannel) && !(await catalog.List(CatalogKind.AlertChannel)).Contains(DefaultAlertChannel))
        {
            await grains.GetGrain<IAlertChannelGrain>(DefaultAlertChannel).Configure(new AlertChannelConfig(
                DefaultAlertChannel, AlertChannelKind.File, Path.Combine("alerts", "alerts.jsonl"), SecretName: null));
        }

        var known = (await catalog.List(CatalogKind.Schedule)).ToHashSet(StringComparer.Ordinal);
        var missing = SeedCatalog.Schedules().Where(s => !known.Contains(s.Name)).ToList();
        foreach (var schedule in missing)
        {
            await grains.GetGrain<IScheduleGrain>(schedule.Name).Configure(schedule with { Enabled = false });
        }

        LogSeeded(logger, "(none: cluster mode)", missing.Count);
    }

    /// <summary>True once every run has ended; false if they had not within <see cref="FirstNightLimit"/> (the summary
    /// then waits for its own time rather than report a night still going).</summary>
    private async Task<bool> WaitForRunsToEndAsync(IReadOnlyList<string> runIds, CancellationToken stoppingToken)
    {
        var giveUpAt = DateTimeOffset.UtcNow + FirstNightLimit;
        var going = runIds.ToList();
        while (going.Count > 0)
        {
            if (DateTimeOffset.UtcNow > giveUpAt)
            {
                LogFirstNightTooLong(logger, going.Count, FirstNightLimit);
                return false;
            }

            await Task.Delay(FirstNightPoll, stoppingToken);
            var ended = new List<string>();
            foreach (var id in going)
            {
                if ((await grains.GetGrain<IRunGrain>(id).GetSummary())?.Status.IsTerminal() ?? true)
                {
                    ended.Add(id);
                }
            }

            going.RemoveAll(ended.Contains);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: seeded node {Node}, the preset catalog and {Schedules} schedule(s)")]
    private static partial void LogSeeded(ILogger logger, string node, int schedules);

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: schedule {Schedule} fired {Runs} run(s) now")]
    private static partial void LogFirstNight(ILogger logger, string schedule, int runs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "First start: {Runs} run(s) of the first night still going after {Limit}; its daily summary waits for its time")]
    private static partial void LogFirstNightTooLong(ILogger logger, int runs, TimeSpan limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "First start seeding failed")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
