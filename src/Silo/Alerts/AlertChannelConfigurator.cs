using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SglangCi.Interfaces;

namespace SglangCi.Silo.Alerts;

/// <summary>
/// Configures every channel <see cref="AlertChannelSettings"/> lists, on each start, so the configuration file stays the
/// one place channels are defined (a changed URL key or kind takes effect on restart). The settings are read when this
/// service is built, so a wrong channel stops the start before anything runs.
/// </summary>
internal sealed partial class AlertChannelConfigurator(
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    AlertChannelSettings settings,
    ILogger<AlertChannelConfigurator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Channels.Count == 0)
        {
            return;
        }

        // Grain calls need the silo up; it is a hosted service that has finished starting once the application has.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        foreach (var channel in settings.Channels)
        {
            try
            {
                await grains.GetGrain<IAlertChannelGrain>(channel.Name).Configure(channel);
                LogConfigured(logger, channel.Name, channel.Kind.ToString());
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A channel that cannot be configured (refused, or storage not answering) must not stop the silo: its
                // alerts wait in the outbox and the next start configures it again.
                LogRefused(logger, channel.Name, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert channel {Channel} configured as {Kind}")]
    private static partial void LogConfigured(ILogger logger, string channel, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert channel {Channel} could not be configured (its alerts wait in the outbox): {Reason}")]
    private static partial void LogRefused(ILogger logger, string channel, string reason);
}
