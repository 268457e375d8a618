namespace SglangCi.Interfaces.History;

/// <summary>
/// An import of the old CI's history: <see cref="Kind"/> is <see cref="SeedLogs"/> (the <c>log</c> tree, a folder)
/// or <see cref="SeedDb"/> (its <c>ci_dashboard.db</c>, a file); the path is on the silo's machine. <see cref="Force"/>
/// re-reads units the ledger already has unchanged.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HistoryImportRequest(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Path,
    [property: Id(2)] bool Force)
{
    public const string SeedLogs = "seed-logs";
    public const string SeedDb = "seed-db";
}
