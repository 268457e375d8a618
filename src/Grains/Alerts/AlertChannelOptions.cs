namespace SglangCi.Grains.Alerts;

/// <summary>Outbox pacing and webhook limits (configuration section <c>SglangCi:Alerts</c>).</summary>
public sealed class AlertChannelOptions
{
    public const string SectionName = "SglangCi:Alerts";

    /// <summary>Dedupe keys remembered per channel (a run id is the usual key; a few nights' worth is plenty).</summary>
    public int DedupeKeysKept { get; set; } = 2000;

    /// <summary>Time one webhook attempt may take.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of one webhook post within a delivery (on 5xx, 429, timeouts and network errors).</summary>
    public int WebhookRetries { get; set; } = 3;

    /// <summary>First delay between webhook retries; doubles each time.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>First wait before the outbox tries again after a failed delivery; doubles up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// What a file channel's relative path is relative to: the data directory of the silo delivering (the silo sets it).
    /// A channel grain can run on any silo of a cluster, so a relative path means "this silo's file" wherever it runs.
    /// </summary>
    public string? FileRoot { get; set; }

    /// <summary>How often the outbox looks at an in-flight delivery.</summary>
    public TimeSpan PumpPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
