namespace SglangCi.Interfaces.Runs;

/// <summary>The logs a run has (empty for a run that kept none, such as an imported one) and whether they may still grow.</summary>
[GenerateSerializer, Immutable]
public sealed record RunLogCatalog(
    [property: Id(0)] bool IsLive,
    [property: Id(1)] IReadOnlyList<RunLogInfo> Logs)
{
    public static readonly RunLogCatalog None = new(false, []);
}
