using Microsoft.Extensions.Options;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Alerts;

namespace SglangCi.Grains.Alerts;

/// <summary>
/// An alert channel with a persisted outbox. Enqueue only records the message; delivery runs as a task off
/// the grain's turn, and a timer applies its result, so a slow or dead endpoint never blocks callers.
/// Failed deliveries stay pending and are retried with a doubling backoff; a reminder brings the outbox
/// back after a restart while anything is pending.
/// </summary>
public sealed class AlertChannelGrain(
    [PersistentState("state", ClusterIdentity.StorageName)] IPersistentState<AlertChannelState> state,
    AlertDelivery delivery,
    IOptions<AlertChannelOptions> options,
    TimeProvider time) : Grain, IAlertChannelGrain, IRemindable
{
    public const string OutboxReminder = "outbox";

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private Task<AlertDeliveryResult>? _inflight;
    private IReadOnlyList<AlertMessage> _inflightBatch = [];
    private IGrainTimer? _pump;
    private DateTimeOffset _nextAttempt = DateTimeOffset.MinValue;
    private int _failures;
    private bool _reminderOn;

    private AlertChannelState Outbox => state.State;

    private AlertChannelOptions Options => options.Value;

    private string Name => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _seen.UnionWith(Outbox.SeenKeys);
        if (Outbox.Pending.Count > 0 && Outbox.Config is not null)
        {
            _reminderOn = true; // registered when the messages were accepted (or when the channel was configured)
            StartDelivery();
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public async Task Configure(AlertChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Name != Name)
        {
            throw new ArgumentException($"alert channel '{Name}': Name '{config.Name}' does not match the channel key");
        }

        Validate(config);
        Outbox.Config = config;
        Outbox.LastError = null;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ICatalogGrain>(ICatalogGrain.Key).Register(CatalogKind.AlertChannel, Name);
        _nextAttempt = DateTimeOffset.MinValue;
        await EnsureReminderAsync(Outbox.Pending.Count > 0);
        StartDelivery();
    }

    public async Task<bool> Enqueue(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.DedupeKey);
        if (_seen.Contains(message.DedupeKey))
        {
            Outbox.Deduplicated++;
            await state.WriteStateAsync();
            return false;
        }

        _seen.Add(message.DedupeKey);
        Outbox.SeenKeys.Add(message.DedupeKey);
        var excess = Outbox.SeenKeys.Count - Math.Max(1, Options.DedupeKeysKept);
        if (excess > 0)
        {
            foreach (var old in Outbox.SeenKeys.Take(excess))
            {
                _seen.Remove(old);
            }

            Outbox.SeenKeys.RemoveRange(0, excess);
        }

        Outbox.Pending.Add(message);
        if (Outbox.Config is null)
        {
            // Kept in the outbox (Configure delivers it), but nothing runs for a channel that may never be
            // configured: no pump, no reminder, and the status says why nothing is delivered.
            Outbox.LastError = $"channel '{Name}' is not configured";
            await state.WriteStateAsync();
            return true;
        }

        await state.WriteStateAsync();
        await EnsureReminderAsync(true);
        StartDelivery();
        return true;
    }

    /// <summary>Starts a delivery now (skipping any backoff) and returns the outbox as it stands; callers poll <see cref="GetStatus"/>.</summary>
    public async Task<AlertOutboxStatus> Flush()
    {
        // No waiting here: a webhook attempt with retries can take many seconds, and a grain turn must not.
        await ApplyDeliveryAsync();
        _nextAttempt = DateTimeOffset.MinValue;
        StartDelivery();
        return Status();
    }

    public async Task<AlertOutboxStatus> GetStatus()
    {
        await ApplyDeliveryAsync();
        return Status();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != OutboxReminder)
        {
            return;
        }

        _reminderOn = true;
        await ApplyDeliveryAsync();
        if (Outbox.Pending.Count == 0 && _inflight is null)
        {
            await EnsureReminderAsync(false);
            return;
        }

        StartDelivery();
    }

    private AlertOutboxStatus Status() =>
        new(Outbox.Config, Outbox.Pending.ToArray(), Outbox.Delivered, Outbox.Deduplicated, Outbox.LastError, delivery.DescribeTarget(Outbox.Config));

    private void Validate(AlertChannelConfig config)
    {
        var where = $"alert channel '{Name}' ({config.Kind})";
        if (!Enum.IsDefined(config.Kind))
        {
            throw new ArgumentException($"alert channel '{Name}': unknown kind {(int)config.Kind}");
        }

        if (config.Kind == AlertChannelKind.File)
        {
            if (string.IsNullOrWhiteSpace(config.FilePath))
            {
                throw new ArgumentException($"{where}: FilePath is required for a file channel");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(config.SecretName))
        {
            throw new ArgumentException($"{where}: SecretName (the configuration key or environment variable holding the webhook URL) is required");
        }

        if (WebhookUrls.IsUrl(config.SecretName))
        {
            // A URL pasted where its key belongs would be stored in grain state: refuse it, without echoing it.
            throw new ArgumentException($"{where}: SecretName must name a configuration key or environment variable, not hold the URL itself");
        }
    }

    private void StartDelivery()
    {
        if (_inflight is not null || Outbox.Pending.Count == 0 || Outbox.Config is null || time.GetUtcNow() < _nextAttempt)
        {
            EnsurePump();
            return;
        }

        var config = Outbox.Config;
        var batch = Outbox.Pending.ToArray();
        _inflightBatch = batch;
        _inflight = Task.Run(() => delivery.DeliverAsync(config, batch, CancellationToken.None), CancellationToken.None);
        EnsurePump();
    }

    private void EnsurePump()
    {
        if (_pump is not null || Outbox.Pending.Count == 0 || Outbox.Config is null)
        {
            return;
        }

        _pump = this.RegisterGrainTimer(PumpAsync, new GrainTimerCreationOptions(Options.PumpPeriod, Options.PumpPeriod) { KeepAlive = true });
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        await ApplyDeliveryAsync();
        StartDelivery();
        if (_inflight is null && Outbox.Pending.Count == 0)
        {
            _pump?.Dispose();
            _pump = null;
            await EnsureReminderAsync(false);
        }
    }

    /// <summary>Takes a finished delivery's result into the outbox (on the grain's turn, so state is never raced).</summary>
    private async Task ApplyDeliveryAsync()
    {
        if (_inflight is not { IsCompleted: true } finished)
        {
            return;
        }

        _inflight = null;
        var result = finished.IsCompletedSuccessfully
            ? finished.Result
            : new AlertDeliveryResult(0, $"channel '{Name}': delivery failed: {finished.Exception?.GetBaseException().GetType().Name}");
        var delivered = _inflightBatch.Take(result.Delivered).Select(m => m.DedupeKey).ToHashSet(StringComparer.Ordinal);
        _inflightBatch = [];
        Outbox.Pending.RemoveAll(m => delivered.Contains(m.DedupeKey));
        Outbox.Delivered += delivered.Count;
        Outbox.LastError = result.Error;
        if (result.Error is null)
        {
            _failures = 0;
            _nextAttempt = DateTimeOffset.MinValue;
        }
        else
        {
            _failures++;
            var delay = Options.RetryBaseDelay * Math.Pow(2, Math.Min(_failures - 1, 16));
            _nextAttempt = time.GetUtcNow() + (delay > Options.RetryMaxDelay ? Options.RetryMaxDelay : delay);
        }

        await state.WriteStateAsync();
    }

    private async Task EnsureReminderAsync(bool on)
    {
        if (on == _reminderOn)
        {
            return;
        }

        if (on)
        {
            await this.RegisterOrUpdateReminder(OutboxReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
        else if (await this.GetReminder(OutboxReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderOn = on;
    }
}
