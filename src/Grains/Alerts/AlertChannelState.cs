using SglangCi.Interfaces.Alerts;

namespace SglangCi.Grains.Alerts;

/// <summary>A channel's outbox: its config (never a secret), what waits, what went, and the dedupe keys seen.</summary>
[GenerateSerializer, Alias("sglci.alert-channel-state")]
public sealed class AlertChannelState
{
    [Id(0)]
    public AlertChannelConfig? Config { get; set; }

    /// <summary>Accepted, not yet delivered, in order.</summary>
    [Id(1)]
    public List<AlertMessage> Pending { get; set; } = [];

    [Id(2)]
    public int Delivered { get; set; }

    [Id(3)]
    public int Deduplicated { get; set; }

    /// <summary>Dedupe keys accepted, oldest first; bounded by <see cref="AlertChannelOptions.DedupeKeysKept"/>.</summary>
    [Id(4)]
    public List<string> SeenKeys { get; set; } = [];

    /// <summary>Last delivery error, with any secret redacted; null after a clean delivery.</summary>
    [Id(5)]
    public string? LastError { get; set; }
}
