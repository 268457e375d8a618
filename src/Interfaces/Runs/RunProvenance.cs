namespace SglangCi.Interfaces.Runs;

/// <summary>
/// Where a run's record came from: <see cref="Native"/> for runs SglangCi executed, <c>seed-logs</c> for runs imported
/// from the old CI's log tree (with the result folder or cron log it was read from), <see cref="Simulated"/> for nights
/// made up by <c>sglang-ci generate nights</c> (no engine ran).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunProvenance(
    [property: Id(0)] string Source,
    [property: Id(1)] string? SourcePath)
{
    public const string Native = "sglang-ci";

    public const string Simulated = "simulated";

    public static readonly RunProvenance Ours = new(Native, null);

    /// <summary>Not executed by SglangCi: read from another system's records, or generated.</summary>
    public bool IsImported => Source != Native;

    public bool IsSimulated => Source == Simulated;
}
