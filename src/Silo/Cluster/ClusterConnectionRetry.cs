using Microsoft.Extensions.Logging;

namespace SglangCi.Silo.Cluster;

/// <summary>
/// The dashboard keeps trying to reach its cluster while none of its silos is up (it may start first, or outlive them
/// all), saying so in its log each time, rather than exiting.
/// </summary>
internal sealed partial class ClusterConnectionRetry(ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogRetrying(logger, exception.Message, Delay);
        await Task.Delay(Delay, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo of the cluster answered ({Reason}); trying again in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string reason, TimeSpan delay);
}
