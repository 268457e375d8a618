namespace SglangCi.Interfaces.History;

/// <summary>
/// What an import did, per kind of unit (result folder, cron log, report …): imported (new, or changed since the last
/// import), unchanged (skipped: already imported as it is), rejected (malformed; nothing of it stored). Issues list
/// every rejection and every partial import with file, line and reason.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HistoryImportReport(
    [property: Id(0)] IReadOnlyDictionary<string, HistoryImportCounts> Kinds,
    [property: Id(1)] IReadOnlyList<HistoryImportIssue> Issues,
    [property: Id(2)] long RowsWritten,
    [property: Id(3)] TimeSpan Elapsed)
{
    public int Imported => Kinds.Values.Sum(k => k.Imported);

    public int Unchanged => Kinds.Values.Sum(k => k.Unchanged);

    public int Rejected => Kinds.Values.Sum(k => k.Rejected);
}

/// <summary>The counts of one kind of unit.</summary>
[GenerateSerializer, Immutable]
public sealed record HistoryImportCounts(
    [property: Id(0)] int Imported,
    [property: Id(1)] int Unchanged,
    [property: Id(2)] int Rejected);

/// <summary>A rejected unit or a part of one left out: the file (relative to the imported root), the line, why.</summary>
[GenerateSerializer, Immutable]
public sealed record HistoryImportIssue(
    [property: Id(0)] string Path,
    [property: Id(1)] int? Line,
    [property: Id(2)] string Reason,
    [property: Id(3)] bool Rejected)
{
    public override string ToString() => (Line is { } l ? $"{Path}:{l}" : Path) + ": " + Reason;
}
