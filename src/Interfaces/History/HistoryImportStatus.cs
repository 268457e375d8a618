namespace SglangCi.Interfaces.History;

/// <summary>
/// Where an import stands: running with its progress, or finished with its report, or failed with the error. An
/// import that has not been started has neither progress nor report.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HistoryImportStatus(
    [property: Id(0)] HistoryImportRequest? Request,
    [property: Id(1)] bool Running,
    [property: Id(2)] HistoryImportProgress? Progress,
    [property: Id(3)] HistoryImportReport? Report,
    [property: Id(4)] string? Error)
{
    public static readonly HistoryImportStatus Idle = new(null, false, null, null, null);
}
