using Microsoft.Extensions.Logging;
using SglangCi.Interfaces;

namespace SglangCi.Grains.Nodes;

/// <summary>
/// After a node activates with leases (its silo restarted, usually), wakes each holder so a run that died
/// with the silo recovers (marks itself interrupted and releases) instead of waiting for expiry. Off the
/// node's turn: the holder calls back into the node to release.
/// </summary>
internal static partial class LeaseHolderNudge
{
    public static void Start(IGrainFactory grains, string nodeName, IReadOnlyList<string> holders, ILogger logger) =>
        _ = Task.Run(async () =>
        {
            foreach (var runId in holders)
            {
                try
                {
                    await grains.GetGrain<IRunGrain>(runId).GetSummary();
                }
                catch (Exception e)
                {
                    LogHolderNudgeFailed(logger, nodeName, runId, e);
                }
            }
        }, CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: could not reach lease holder {RunId} after activation")]
    private static partial void LogHolderNudgeFailed(ILogger logger, string node, string runId, Exception exception);
}
