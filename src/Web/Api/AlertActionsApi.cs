using System.Security.Claims;
using SglangCi.Web.Actions;
using SglangCi.Web.Security;

namespace SglangCi.Web.Api;

/// <summary>
/// Alert actions for scripts and chat bots: <c>POST /api/alerts/acknowledge|resolve</c> with a JSON body
/// <c>{"hardware": "mi30x", "id": "…", "note": "…"}</c> (alert ids hold slashes, so they travel in the body, not the
/// path) and <c>Authorization: Bearer &lt;access token&gt;</c>; the token's name is who acknowledged. Signed-out calls
/// get 401 and change nothing; an unknown or already resolved alert gets 404 with the reason.
/// </summary>
public static class AlertActionsApi
{
    public static IEndpointRouteBuilder MapAlertActionsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/alerts")
            .WithTags("actions")
            .RequireAuthorization(DashboardPolicies.ApiAction)
            // Bearer-only, as the schedule actions: a browser never attaches the token on its own.
            .DisableAntiforgery();

        api.MapPost("/acknowledge", (OperatorActions actions, ClaimsPrincipal user, AlertActionRequest request) =>
                Answer(request, () => actions.AcknowledgeAlertAsync(user, request.Hardware!, request.Id!, request.Note)))
            .WithSummary("Acknowledge an active alert: someone is on it; it still resolves itself when the series recovers.");

        api.MapPost("/resolve", (OperatorActions actions, ClaimsPrincipal user, AlertActionRequest request) =>
                Answer(request, () => actions.ResolveAlertAsync(user, request.Hardware!, request.Id!, request.Note)))
            .WithSummary("Resolve an active alert by hand (e.g. the new level is accepted); the note says why.");

        return endpoints;
    }

    /// <summary>400 for a request that names no alert; otherwise the action's answer.</summary>
    private static Task<IResult> Answer(AlertActionRequest request, Func<Task<OperatorActionResult>> action) =>
        request.Problem() is { } problem ? Task.FromResult(problem) : ActionAnswer.Of(action());
}

/// <summary>Which alert an action is about, and the note that goes with it.</summary>
public sealed record AlertActionRequest(string? Hardware, string? Id, string? Note)
{
    /// <summary>400 naming the missing field, or null when the request names an alert.</summary>
    public IResult? Problem() =>
        string.IsNullOrWhiteSpace(Hardware) ? Results.BadRequest(new { error = "the body needs \"hardware\" (e.g. \"mi30x\")" })
        : string.IsNullOrWhiteSpace(Id) ? Results.BadRequest(new { error = "the body needs \"id\" (the alert's id, as GET /api/alerts/{hw} lists it)" })
        : null;
}
