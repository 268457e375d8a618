namespace SglangCi.Interfaces.Runs;

/// <summary>
/// One check of a run that is not a benchmark number: a unit test command, a PD step (health, completion, GSM8K), a
/// downloaded model, an image looked for, a housekeeping action. Kept in order; <see cref="Name"/> is unique per run.
/// </summary>
/// <param name="Value">The check's number where it has one (accuracy, tests ran, bytes, GiB free).</param>
/// <param name="Detail">What a person needs to know: the error, the test summary line, the image found.</param>
[GenerateSerializer, Immutable]
public sealed record RunCheckResult(
    [property: Id(0)] string Name,
    [property: Id(1)] CheckStatus Status,
    [property: Id(2)] double? Value,
    [property: Id(3)] TimeSpan? Duration,
    [property: Id(4)] string? Detail);

[GenerateSerializer]
public enum CheckStatus
{
    Passed = 0,
    Failed = 1,
    TimedOut = 2,
    Skipped = 3,

    /// <summary>Worth attention, not a failure (an optional image missing, disk space low but above the critical line).</summary>
    Warning = 4,
}
