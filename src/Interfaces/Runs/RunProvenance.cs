namespace SglangCi.Interfaces.Runs;

/// <summary>
/// Where a run's record came from: <see cref="Native"/> for runs SglangCi executed, <c>seed-logs</c> for runs imported
/// from the old CI's log tree (with the result folder or cron log it was read from).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunProvenance(
    [property: Id(0)] string Source,
    [property: Id(1)] string? SourcePath)
{
    public const string Native = "sglang-ci";

    public static readonly RunProvenance Ours = new(Native, null);

    public bool IsImported => Source != Native;
}
