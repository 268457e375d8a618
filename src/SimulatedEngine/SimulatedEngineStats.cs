namespace SglangCi.SimulatedEngine;

/// <summary>
/// Counters of what the engine did, readable while it runs. Tests use them to check the scheduler
/// (peak batch, queueing) and callers use them to report throughput without parsing logs. Updated with
/// interlocked operations because HTTP handlers and the scheduler loop touch them concurrently.
/// </summary>
public sealed class SimulatedEngineStats
{
    private long _requestsReceived;
    private long _requestsServed;
    private long _requestsFailed;
    private long _requestsAborted;
    private long _promptTokens;
    private long _tokensGenerated;
    private long _peakRunningBatch;
    private long _peakWaitingRequests;

    /// <summary>Generation requests that reached the engine (including ones later failed or aborted).</summary>
    public long RequestsReceived => Interlocked.Read(ref _requestsReceived);

    /// <summary>Generation requests that finished normally (length or stop).</summary>
    public long RequestsServed => Interlocked.Read(ref _requestsServed);

    /// <summary>Generation requests answered with an injected error.</summary>
    public long RequestsFailed => Interlocked.Read(ref _requestsFailed);

    /// <summary>Generation requests whose client went away before they finished.</summary>
    public long RequestsAborted => Interlocked.Read(ref _requestsAborted);

    /// <summary>Sum of prompt tokens over all admitted requests.</summary>
    public long PromptTokens => Interlocked.Read(ref _promptTokens);

    /// <summary>Sum of generated tokens over all requests.</summary>
    public long TokensGenerated => Interlocked.Read(ref _tokensGenerated);

    /// <summary>Largest running batch seen; never exceeds <see cref="SimulatedEngineOptions.MaxRunningRequests"/>.</summary>
    public long PeakRunningBatch => Interlocked.Read(ref _peakRunningBatch);

    /// <summary>Longest waiting queue seen at an admission point.</summary>
    public long PeakWaitingRequests => Interlocked.Read(ref _peakWaitingRequests);

    internal void OnReceived() => Interlocked.Increment(ref _requestsReceived);

    internal void OnServed() => Interlocked.Increment(ref _requestsServed);

    internal void OnFailed() => Interlocked.Increment(ref _requestsFailed);

    internal void OnAborted() => Interlocked.Increment(ref _requestsAborted);

    internal void OnAdmitted(int promptTokens) => Interlocked.Add(ref _promptTokens, promptTokens);

    internal void OnTokens(int count) => Interlocked.Add(ref _tokensGenerated, count);

    internal void OnRunningBatch(int size) => RaiseTo(ref _peakRunningBatch, size);

    internal void OnWaiting(int size) => RaiseTo(ref _peakWaitingRequests, size);

    private static void RaiseTo(ref long field, long value)
    {
        var current = Interlocked.Read(ref field);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
