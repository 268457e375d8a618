namespace SglangCi.Interfaces.Alerts;

/// <summary>
/// Where a channel delivers. A webhook URL is a secret, so the config only names where to find it
/// (<see cref="SecretName"/>, a configuration key such as <c>Alerts:Webhooks:team</c>); the URL itself is
/// read from configuration at send time and never stored in grain state, logs or the page.
/// </summary>
/// <param name="FilePath">For <see cref="AlertChannelKind.File"/>: the JSON-lines file alerts are appended to.</param>
[GenerateSerializer, Immutable]
public sealed record AlertChannelConfig(
    [property: Id(0)] string Name,
    [property: Id(1)] AlertChannelKind Kind,
    [property: Id(2)] string? FilePath,
    [property: Id(3)] string? SecretName);

[GenerateSerializer]
public enum AlertChannelKind
{
    File = 0,
    Webhook = 1,
}

/// <summary>The outbox of a channel: what waits, what went, and the last delivery error (secrets redacted).</summary>
[GenerateSerializer, Immutable]
public sealed record AlertOutboxStatus(
    [property: Id(0)] AlertChannelConfig? Config,
    [property: Id(1)] IReadOnlyList<AlertMessage> Pending,
    [property: Id(2)] int Delivered,
    [property: Id(3)] int Deduplicated,
    [property: Id(4)] string? LastError);
