using System.Security.Claims;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Schedules;

namespace SglangCi.Web.Actions;

/// <summary>
/// What a signed-in user may do to the cluster from the dashboard or the API: fire a schedule now, enable or
/// disable it. One place checks the user and writes the audit line, so the page and the API cannot differ.
/// </summary>
public sealed partial class OperatorActions(IGrainFactory grains, ILogger<OperatorActions> logger)
{
    public async Task<OperatorActionResult> RunScheduleNowAsync(ClaimsPrincipal user, string schedule)
    {
        if (Refuse(user, $"run schedule '{schedule}' now") is { } refused)
        {
            return refused;
        }

        return await Attempt(schedule, async () =>
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

        return await Attempt(schedule, async () =>
        {
            await grains.GetGrain<IScheduleGrain>(schedule).SetEnabled(enabled);
            LogAction(logger, NameOf(user), verb, schedule);
            return OperatorActionResult.Done($"Schedule '{schedule}' {verb}.", []);
        });
    }

    private static OperatorActionResult? Refuse(ClaimsPrincipal user, string what) =>
        user.Identity?.IsAuthenticated == true ? null : OperatorActionResult.Refused($"Sign in to {what}.");

    /// <summary>A schedule that does not exist or cannot fire is the user's mistake to read, not a crash.</summary>
    private static async Task<OperatorActionResult> Attempt(string schedule, Func<Task<OperatorActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            return OperatorActionResult.Failed($"Schedule '{schedule}': {exception.Message}");
        }
    }

    private static string NameOf(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "operator";

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} {Action} schedule {Schedule}")]
    private static partial void LogAction(ILogger logger, string user, string action, string schedule);
}
