using System.Security.Claims;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Analysis;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Web.Actions;

/// <summary>
/// What a signed-in user may do to the cluster from the dashboard or the API: fire a schedule now, enable or
/// disable it; acknowledge or resolve a regression alert, sweep for change points now. One place checks the user and
/// writes the audit line, so the page and the API cannot differ.
/// </summary>
public sealed partial class OperatorActions(IGrainFactory grains, ILogger<OperatorActions> logger)
{
    public async Task<OperatorActionResult> RunScheduleNowAsync(ClaimsPrincipal user, string schedule)
    {
        if (Refuse(user, $"run schedule '{schedule}' now") is { } refused)
        {
            return refused;
        }

        return await Attempt($"Schedule '{schedule}'", async () =>
        {
            var who = NameOf(user);
            var runs = await grains.GetGrain<IScheduleGrain>(schedule).Fire($"schedule:{schedule} run now by {who}");
            LogAction(logger, who, "ran now", schedule);
            return OperatorActionResult.Done(
                runs.Count == 0 ? $"Schedule '{schedule}' fired; it started no runs." : $"Schedule '{schedule}' started {runs.Count} run(s).",
                runs);
        });
    }

    public async Task<OperatorActionResult> SetScheduleEnabledAsync(ClaimsPrincipal user, string schedule, bool enabled)
    {
        var verb = enabled ? "enabled" : "disabled";
        if (Refuse(user, $"{(enabled ? "enable" : "disable")} schedule '{schedule}'") is { } refused)
        {
            return refused;
        }

        return await Attempt($"Schedule '{schedule}'", async () =>
        {
            await grains.GetGrain<IScheduleGrain>(schedule).SetEnabled(enabled);
            LogAction(logger, NameOf(user), verb, schedule);
            return OperatorActionResult.Done($"Schedule '{schedule}' {verb}.", []);
        });
    }

    /// <summary>Marks an alert acknowledged by the signed-in user (the name people see beside it), with an optional note.</summary>
    public async Task<OperatorActionResult> AcknowledgeAlertAsync(ClaimsPrincipal user, string hardware, string alertId, string? note)
    {
        if (Refuse(user, "acknowledge alerts") is { } refused)
        {
            return refused;
        }

        return await Attempt($"Alert '{alertId}'", async () =>
        {
            var who = NameOf(user);
            await Watch(hardware).Acknowledge(alertId, who, note);
            LogAlertAction(logger, who, "acknowledged", alertId);
            return OperatorActionResult.Done($"Alert acknowledged by {who}; it still resolves itself when the series recovers.", []);
        });
    }

    /// <summary>Resolves an alert by hand, e.g. when the new level is accepted; the note says why.</summary>
    public async Task<OperatorActionResult> ResolveAlertAsync(ClaimsPrincipal user, string hardware, string alertId, string? note)
    {
        if (Refuse(user, "resolve alerts") is { } refused)
        {
            return refused;
        }

        return await Attempt($"Alert '{alertId}'", async () =>
        {
            var who = NameOf(user);
            await Watch(hardware).Resolve(alertId, who, note);
            LogAlertAction(logger, who, "resolved", alertId);
            return OperatorActionResult.Done($"Alert resolved by {who}.", []);
        });
    }

    /// <summary>Runs the weekly change-point sweep of each hardware now rather than waiting for its reminder.</summary>
    public async Task<OperatorActionResult> SweepChangePointsAsync(ClaimsPrincipal user, IReadOnlyList<string> hardware)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        if (Refuse(user, "sweep for change points") is { } refused)
        {
            return refused;
        }

        return await Attempt("The change-point sweep", async () =>
        {
            var who = NameOf(user);
            var added = 0;
            foreach (var one in hardware)
            {
                added += await Watch(one).SweepChangePoints();
                LogSweep(logger, who, one);
            }

            var swept = hardware.Count == 0 ? "no hardware" : string.Join(", ", hardware);
            return OperatorActionResult.Done($"Swept {swept}: {added} new change point{(added == 1 ? "" : "s")}.", []);
        });
    }

    /// <summary>The hardware's regression watch; keys are lower-case whatever spelling a page or a script uses.</summary>
    private IRegressionWatchGrain Watch(string hardware) => grains.GetGrain<IRegressionWatchGrain>(hardware.ToLowerInvariant());

    private static OperatorActionResult? Refuse(ClaimsPrincipal user, string what) =>
        user.Identity?.IsAuthenticated == true ? null : OperatorActionResult.Refused($"Sign in to {what}.");

    /// <summary>
    /// A schedule that does not exist or cannot fire, an alert someone else resolved meanwhile: the user's mistake or
    /// a race to read, not a crash.
    /// </summary>
    private static async Task<OperatorActionResult> Attempt(string subject, Func<Task<OperatorActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            return OperatorActionResult.Failed($"{subject}: {exception.Message}");
        }
    }

    private static string NameOf(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "operator";

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} {Action} schedule {Schedule}")]
    private static partial void LogAction(ILogger logger, string user, string action, string schedule);

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} {Action} alert {AlertId}")]
    private static partial void LogAlertAction(ILogger logger, string user, string action, string alertId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} swept the change points of {Hardware}")]
    private static partial void LogSweep(ILogger logger, string user, string hardware);
}
