using SglangCi.Interfaces.Alerts;

namespace SglangCi.Interfaces;

/// <summary>An alert channel (key: channel name) with a persisted outbox, so no alert is lost while the endpoint is down.</summary>
public interface IAlertChannelGrain : IGrainWithStringKey
{
    Task Configure(AlertChannelConfig config);

    /// <summary>Puts the message in the outbox (false if a message with its dedupe key was already accepted) and tries to deliver.</summary>
    Task<bool> Enqueue(AlertMessage message);

    /// <summary>Tries to deliver everything pending now.</summary>
    Task<AlertOutboxStatus> Flush();

    Task<AlertOutboxStatus> GetStatus();
}
