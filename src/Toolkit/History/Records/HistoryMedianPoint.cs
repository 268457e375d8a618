namespace SglangCi.Toolkit.History.Records;

/// <summary>
/// A load point known only by its medians, from one of the old CI's summaries: the serving "CSV", a timing summary's
/// Performance Summary, or a cron log's <c>Updating CSV</c> line. Kept per source so the night view can prefer the
/// client logs and fall back in a fixed order; the summaries' throughput fields were broken and are not read.
/// </summary>
public sealed record HistoryMedianPoint(
    string RunId,
    string Origin,
    string LoadKind,
    double Load,
    double? E2eMedianMs,
    double? TtftMedianMs,
    double? ItlMedianMs,
    SourceRef Source)
{
    public const string FromCsv = "csv";
    public const string FromTimingSummary = "timing-summary";
    public const string FromCronLog = "cron-log";
}
