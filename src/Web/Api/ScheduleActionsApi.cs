using System.Security.Claims;
using SglangCi.Web.Actions;
using SglangCi.Web.Security;

namespace SglangCi.Web.Api;

/// <summary>
/// Actions on schedules for scripts: <c>POST /api/schedules/{name}/run|enable|disable</c> with
/// <c>Authorization: Bearer &lt;access token&gt;</c>. Signed-out calls get 401 and change nothing.
/// </summary>
public static class ScheduleActionsApi
{
    public static IEndpointRouteBuilder MapScheduleActionsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/schedules/{name}")
            .WithTags("actions")
            .RequireAuthorization(DashboardPolicies.ApiAction)
            // Bearer-only: a browser never attaches the token on its own, so there is nothing to forge.
            .DisableAntiforgery();

        api.MapPost("/run", (OperatorActions actions, ClaimsPrincipal user, string name) => Answer(actions.RunScheduleNowAsync(user, name)))
            .WithSummary("Fire the schedule now, whatever its cron says: starts every job; returns the new run ids.");

        api.MapPost("/enable", (OperatorActions actions, ClaimsPrincipal user, string name) => Answer(actions.SetScheduleEnabledAsync(user, name, true)))
            .WithSummary("Enable the schedule: its cron fires again.");

        api.MapPost("/disable", (OperatorActions actions, ClaimsPrincipal user, string name) => Answer(actions.SetScheduleEnabledAsync(user, name, false)))
            .WithSummary("Disable the schedule: its cron stops firing (run now still works).");

        return endpoints;
    }

    private static Task<IResult> Answer(Task<OperatorActionResult> action) => ActionAnswer.Of(action);
}
