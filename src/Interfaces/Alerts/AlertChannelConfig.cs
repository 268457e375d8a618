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

/// <summary>Where and in which format a channel delivers (the values are stored in grain state: never renumber).</summary>
[GenerateSerializer]
public enum AlertChannelKind
{
    /// <summary>A JSON line per alert appended to a file.</summary>
    File = 0,

    /// <summary>The generic alert JSON POSTed to any HTTP endpoint.</summary>
    Webhook = 1,

    /// <summary>An Adaptive Card posted to a Microsoft Teams (Office 365 connector) incoming webhook, which answers "1".</summary>
    TeamsWebhook = 2,

    /// <summary>The same Adaptive Card posted to a Power Automate "when a Teams webhook request is received" workflow (202 Accepted).</summary>
    TeamsWorkflow = 3,

    /// <summary>Block Kit blocks posted to a Slack incoming webhook.</summary>
    Slack = 4,
}

/// <summary>The outbox of a channel: what waits, what went, and the last delivery error (secrets redacted).</summary>
/// <param name="Target">Where the channel delivers, safe to show: a file's path, or a webhook's scheme and host with the
/// rest masked (<c>https://example.webhook.office.com/…/****</c>); worked out when asked, never stored.</param>
[GenerateSerializer, Immutable]
public sealed record AlertOutboxStatus(
    [property: Id(0)] AlertChannelConfig? Config,
    [property: Id(1)] IReadOnlyList<AlertMessage> Pending,
    [property: Id(2)] int Delivered,
    [property: Id(3)] int Deduplicated,
    [property: Id(4)] string? LastError,
    [property: Id(5)] string? Target);
