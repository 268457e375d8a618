namespace SglangCi.Interfaces.Alerts;

/// <summary>
/// One alert to deliver. Messages with the same <see cref="DedupeKey"/> are sent once. The channel renders it in
/// its own format (Teams Adaptive Card, Slack blocks, generic JSON, a file line) from these fields alone.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AlertMessage(
    [property: Id(0)] string DedupeKey,
    [property: Id(1)] string Title,
    [property: Id(2)] AlertSeverity Severity,
    [property: Id(3)] string Text,
    [property: Id(4)] IReadOnlyDictionary<string, string> Facts,
    [property: Id(5)] DateTimeOffset CreatedAt)
{
    /// <summary>What the alert is about; decides the card's layout and accent.</summary>
    [Id(6)]
    public AlertCardKind Kind { get; init; } = AlertCardKind.Run;

    /// <summary>Tables shown under the facts (e.g. a night's regressions and improvements, one row per series).</summary>
    [Id(7)]
    public IReadOnlyList<AlertTable> Tables { get; init; } = [];

    /// <summary>PNG charts the dashboard serves, shown as images in the card.</summary>
    [Id(8)]
    public IReadOnlyList<AlertChart> Charts { get; init; } = [];

    /// <summary>The dashboard page the card's button opens; null when the dashboard's public address is not configured.</summary>
    [Id(9)]
    public string? Link { get; init; }
}

[GenerateSerializer]
public enum AlertSeverity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}
