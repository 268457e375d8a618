namespace SglangCi.Interfaces.Alerts;

/// <summary>One alert to deliver. Messages with the same <see cref="DedupeKey"/> are sent once.</summary>
[GenerateSerializer, Immutable]
public sealed record AlertMessage(
    [property: Id(0)] string DedupeKey,
    [property: Id(1)] string Title,
    [property: Id(2)] AlertSeverity Severity,
    [property: Id(3)] string Text,
    [property: Id(4)] IReadOnlyDictionary<string, string> Facts,
    [property: Id(5)] DateTimeOffset CreatedAt);

[GenerateSerializer]
public enum AlertSeverity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}
