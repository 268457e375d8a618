namespace SglangCi.Interfaces.History;

/// <summary>How far an import is: units and bytes done out of the total, and the last unit finished.</summary>
[GenerateSerializer, Immutable]
public sealed record HistoryImportProgress(
    [property: Id(0)] int UnitsDone,
    [property: Id(1)] int UnitsTotal,
    [property: Id(2)] long BytesDone,
    [property: Id(3)] long BytesTotal,
    [property: Id(4)] string? Current);
