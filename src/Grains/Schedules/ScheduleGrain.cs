using Microsoft.Extensions.Logging;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Grains.Schedules;

/// <summary>
/// A cron schedule. A one-minute reminder checks whether the next firing is due; firings missed while the
/// cluster was down fire once on the next tick, not once per missed slot.
/// </summary>
public sealed partial class ScheduleGrain(
    [PersistentState("state", ClusterIdentity.StorageName)] IPersistentState<ScheduleState> state,
    TimeProvider time,
    ILogger<ScheduleGrain> logger) : Grain, IScheduleGrain, IRemindable
{
    public const string TickReminder = "tick";

    private static readonly TimeSpan TickPeriod = TimeSpan.FromMinutes(1);

    private string Name => this.GetPrimaryKeyString();

    public async Task<ScheduleStatus> Configure(ScheduleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Name != Name)
        {
            throw new ArgumentException($"schedule '{Name}': Name '{definition.Name}' does not match the schedule key");
        }

        var cron = CronSchedule.Parse(definition);
        ValidateJobs(definition);

        state.State.Definition = definition;
        state.State.NextFiring = cron.NextAfter(time.GetUtcNow());
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(TickReminder, TickPeriod, TickPeriod);
        await GrainFactory.GetGrain<ICatalogGrain>(ICatalogGrain.Key).Register(CatalogKind.Schedule, Name);
        return Status();
    }

    public Task<ScheduleStatus> GetStatus() => Task.FromResult(Status());

    public async Task<ScheduleStatus> SetEnabled(bool enabled)
    {
        var definition = state.State.Definition ?? throw new InvalidOperationException($"schedule '{Name}' is not configured");
        state.State.Definition = definition with { Enabled = enabled };
        if (enabled)
        {
            // Re-enabling must not fire for the slots that passed while it was off.
            state.State.NextFiring = CronSchedule.Parse(definition).NextAfter(time.GetUtcNow());
        }

        await state.WriteStateAsync();
        return Status();
    }

    public async Task<IReadOnlyList<string>> Fire(string trigger)
    {
        var definition = state.State.Definition ?? throw new InvalidOperationException($"schedule '{Name}' is not configured");
        trigger = string.IsNullOrWhiteSpace(trigger) ? $"schedule:{Name}" : trigger;
        var now = time.GetUtcNow();
        var started = new List<string>();
        foreach (var job in definition.Jobs)
        {
            var runId = RunIds.Create(job.PresetName, job.NodeName, now);
            try
            {
                // Start only records the run and queues it; the work runs in the run grain's background.
                await GrainFactory.GetGrain<IRunGrain>(runId).Start(new RunRequest(job.PresetName, job.NodeName, job.Mode, null, null, trigger));
                started.Add(runId);
            }
            catch (Exception e)
            {
                // One broken job (an unknown preset) must not cost the others their night.
                LogJobFailed(logger, Name, job.PresetName, job.NodeName, e);
            }
        }

        state.State.LastFiredAt = now;
        state.State.LastRunIds = started;
        await state.WriteStateAsync();
        LogFired(logger, Name, trigger, started.Count, definition.Jobs.Count);
        return started;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != TickReminder || state.State.Definition is not { } definition)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (!definition.Enabled || state.State.NextFiring is not { } due || now < due)
        {
            return;
        }

        // Advance first and from now, so a crash mid-fire or a long outage fires at most once.
        state.State.NextFiring = CronSchedule.Parse(definition).NextAfter(now);
        await state.WriteStateAsync();
        await Fire($"schedule:{Name}");
    }

    private ScheduleStatus Status() =>
        new(state.State.Definition, state.State.NextFiring, state.State.LastFiredAt, state.State.LastRunIds.ToArray());

    private static void ValidateJobs(ScheduleDefinition definition)
    {
        if (definition.Jobs is null)
        {
            throw new ArgumentException($"schedule '{definition.Name}': Jobs is required");
        }

        for (var i = 0; i < definition.Jobs.Count; i++)
        {
            var job = definition.Jobs[i];
            if (string.IsNullOrWhiteSpace(job?.PresetName) || string.IsNullOrWhiteSpace(job.NodeName))
            {
                throw new ArgumentException($"schedule '{definition.Name}': Jobs[{i}] needs PresetName and NodeName");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {Schedule} fired ({Trigger}): {Started} of {Jobs} run(s) started")]
    private static partial void LogFired(ILogger logger, string schedule, string trigger, int started, int jobs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule {Schedule}: job {Preset} on {Node} could not start")]
    private static partial void LogJobFailed(ILogger logger, string schedule, string preset, string node, Exception exception);
}
