using Microsoft.Extensions.Logging;
using SglangCi.Grains.Placement;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Grains.Schedules;

/// <summary>
/// A cron schedule. A one-minute reminder checks whether the next firing is due; firings missed while the
/// cluster was down fire once on the next tick, not once per missed slot. A schedule with an image policy finds
/// each job's nightly image when it fires (<see cref="ScheduledJobImages"/>); a job with nothing new to test, or
/// nothing to test on, is recorded as a skipped or failed run rather than left out, so the night shows every job.
/// </summary>
/// <param name="images">Optional: a silo without one (a test cluster) fails the jobs that need an image.</param>
public sealed partial class ScheduleGrain(
    [PersistentState("state", ClusterIdentity.StorageName)] IPersistentState<ScheduleState> state,
    TimeProvider time,
    ILogger<ScheduleGrain> logger,
    INightlyImageSource? images = null) : Grain, IScheduleGrain, IRemindable
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
        ScheduleValidation.Validate(definition);

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
        var jobImages = new ScheduledJobImages(images, GrainFactory.GetGrain<IRunQueryGrain>(0).QueryRuns, now);
        var requests = new List<(ScheduledJob Job, string RunId, RunRequest Request)>();
        foreach (var job in definition.Jobs.Where(j => j.IsEnabled))
        {
            try
            {
                requests.Add((job, ScheduledRuns.RunId(job, now), ScheduledRuns.Request(definition, job, await jobImages.ResolveAsync(definition, job), trigger)));
            }
            catch (Exception e)
            {
                // One broken job (an unknown preset) must not cost the others their night.
                LogJobFailed(logger, Name, job.EffectiveName, job.NodeName, e);
            }
        }

        // Each node takes its jobs in the schedule's order (its FIFO queue follows it); nodes do not wait for each
        // other, so a night on fifty nodes is admitted in the time of one node's jobs, and a node whose host is down
        // costs only its own jobs. Start only records the run and queues it; the work runs in the run grain's background.
        var startedPerNode = await Task.WhenAll(requests.GroupBy(r => r.Job.NodeName, StringComparer.Ordinal).Select(async node =>
        {
            var started = new List<string>();
            foreach (var (job, runId, request) in node)
            {
                try
                {
                    await GrainFactory.GetGrain<IRunGrain>(runId).Start(request);
                    started.Add(runId);
                }
                catch (Exception e) when (NodeUnreachable(e))
                {
                    // Its silo is down (or not answering): the node's other jobs would each wait for the same answer,
                    // holding the whole firing (and every caller queued behind this grain) for a call timeout apiece.
                    LogNodeUnreachable(logger, Name, job.NodeName, node.Count(), e);
                    break;
                }
                catch (Exception e)
                {
                    LogJobFailed(logger, Name, job.EffectiveName, job.NodeName, e);
                }
            }

            return started;
        }));
        var startedIds = startedPerNode.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
        var started = requests.Select(r => r.RunId).Where(startedIds.Contains).ToList();

        state.State.LastFiredAt = now;
        state.State.LastRunIds = started;
        await state.WriteStateAsync();
        LogFired(logger, Name, trigger, started.Count, definition.Jobs.Count(j => j.IsEnabled));
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {Schedule} fired ({Trigger}): {Started} of {Jobs} enabled job(s) recorded as runs")]
    private static partial void LogFired(ILogger logger, string schedule, string trigger, int started, int jobs);

    /// <summary>The node's silo cannot be reached: placement refuses it, the silo is known dead, or the call timed out.</summary>
    private static bool NodeUnreachable(Exception e) =>
        e is TimeoutException or SiloUnavailableException or NodeSiloUnavailableException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {Schedule}: node {Node} is unreachable; its remaining job(s) of {Jobs} were not started")]
    private static partial void LogNodeUnreachable(ILogger logger, string schedule, string node, int jobs, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule {Schedule}: job {Job} on {Node} could not start")]
    private static partial void LogJobFailed(ILogger logger, string schedule, string job, string node, Exception exception);
}
