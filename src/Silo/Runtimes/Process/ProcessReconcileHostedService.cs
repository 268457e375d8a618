using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SglangCi.Silo.Runtimes.Processes;

/// <summary>
/// On silo start-up, stops this host's leftover processes of ours (<see cref="ProcessReconciler"/>, every node folder
/// of <see cref="ProcessRuntimeOptions.StateDirectory"/>) unless <see cref="ProcessRuntimeOptions.ReconcileOnStart"/> is
/// off. A failure is logged and start-up goes on.
/// </summary>
internal sealed partial class ProcessReconcileHostedService(
    ProcessReconciler reconciler, IOptions<ProcessRuntimeOptions> options, ILogger<ProcessReconcileHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ReconcileOnStart)
        {
            return;
        }

        try
        {
            var result = await reconciler.ReconcileAllAsync(cancellationToken);
            if (result.Stopped.Count > 0 || result.Forgotten > 0 || result.Left.Count > 0)
            {
                LogReconciled(logger, result.Stopped.Count, result.Forgotten, result.Left.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, options.Value.EffectiveStateDirectory, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Process runtime at start-up: stopped {Stopped} leftover process tree(s) of ours, deleted {Forgotten} stale record(s), left {Left}")]
    private static partial void LogReconciled(ILogger logger, int stopped, int forgotten, int left);

    [LoggerMessage(Level = LogLevel.Error, Message = "Process runtime at start-up: leftover processes recorded under {Directory} could not be reconciled")]
    private static partial void LogFailed(ILogger logger, string directory, Exception exception);
}
