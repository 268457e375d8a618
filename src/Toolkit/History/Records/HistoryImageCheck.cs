namespace SglangCi.Toolkit.History.Records;

/// <summary>
/// One nightly image-availability check for one hardware kind: was the day's image in the registry and pullable.
/// <see cref="Status"/> is <c>available</c>, <c>missing</c> or <c>not-pullable</c>.
/// </summary>
public sealed record HistoryImageCheck(
    DateTimeOffset CheckedAt,
    string Host,
    string Hardware,
    DateOnly ImageDate,
    string Status,
    string? Image,
    SourceRef Source)
{
    public const string Available = "available";
    public const string Missing = "missing";
    public const string NotPullable = "not-pullable";
}
