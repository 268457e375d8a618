namespace SglangCi.Web.Actions;

/// <summary>How an operator action ended, in words for the page and the API, and the runs it started.</summary>
public sealed record OperatorActionResult(OperatorActionOutcome Outcome, string Message, IReadOnlyList<string> RunIds)
{
    public static OperatorActionResult Done(string message, IReadOnlyList<string> runIds) => new(OperatorActionOutcome.Done, message, runIds);

    public static OperatorActionResult Refused(string message) => new(OperatorActionOutcome.Refused, message, []);

    public static OperatorActionResult Failed(string message) => new(OperatorActionOutcome.Failed, message, []);
}

public enum OperatorActionOutcome
{
    Done,

    /// <summary>Nobody is signed in.</summary>
    Refused,

    /// <summary>The cluster said no: an unknown schedule, or one that is not configured.</summary>
    Failed,
}
