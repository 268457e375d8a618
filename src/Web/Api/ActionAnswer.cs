using SglangCi.Web.Actions;

namespace SglangCi.Web.Api;

/// <summary>The HTTP answer of an operator action: 200 done, 401 refused (not signed in), 404 what it names does not exist or refused the change.</summary>
public static class ActionAnswer
{
    public static async Task<IResult> Of(Task<OperatorActionResult> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var result = await action;
        return result.Outcome switch
        {
            OperatorActionOutcome.Done => Results.Ok(result),
            OperatorActionOutcome.Refused => Results.Json(result, statusCode: StatusCodes.Status401Unauthorized),
            _ => Results.Json(result, statusCode: StatusCodes.Status404NotFound),
        };
    }
}
