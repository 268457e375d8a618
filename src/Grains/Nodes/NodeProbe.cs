using Microsoft.Extensions.Logging;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Nodes;

/// <summary>
/// The node's GPU probe, run off the grain's turn: rocm-smi and friends can hang on a sick node, and a turn
/// that waits on them blocks every renewal and release on the node (and can outlast the caller's response
/// timeout while the grant still happens). The grain starts a probe and, on a later turn, takes its result.
/// Touched only on the grain's turn; the probe task itself shares nothing with it.
/// </summary>
internal sealed partial class NodeProbe(string nodeName, IEngineRuntimeResolver runtimes, GpuNodeOptions options, TimeProvider time, ILogger logger)
{
    private Task<GpuSnapshot>? _inflight;
    private DateTimeOffset _inflightStartedAt;
    private DateTimeOffset? _lastAttemptAt;
    private DateTimeOffset? _lastSuccessAt;
    private DateTimeOffset? _lastErrorAt;
    private string? _lastError;

    /// <summary>The last snapshot taken (for status pages); may be old.</summary>
    public GpuSnapshot? Last { get; private set; }

    /// <summary>
    /// A snapshot good enough to grant on: started no earlier than <paramref name="since"/> (so it saw the GPUs
    /// after the request arrived) and no older than <see cref="GpuNodeOptions.ProbeMaxAge"/>.
    /// </summary>
    public GpuSnapshot? FreshSince(DateTimeOffset since, DateTimeOffset now)
    {
        Collect();
        return _lastSuccessAt is { } at && at >= since && now - at <= options.ProbeMaxAge ? Last : null;
    }

    /// <summary>Why there is no fresh snapshot when the latest probe since <paramref name="since"/> failed; else null.</summary>
    public string? ErrorSince(DateTimeOffset since) =>
        _lastErrorAt is { } at && at >= since && (_lastSuccessAt is null || _lastSuccessAt < at) ? _lastError : null;

    /// <summary>Starts a probe unless one is running or the last started less than <see cref="GpuNodeOptions.ProbeInterval"/> ago.</summary>
    public void Start(NodeInventory inventory)
    {
        Collect();
        var now = time.GetUtcNow();
        if (_inflight is not null || (_lastAttemptAt is { } last && now - last < options.ProbeInterval))
        {
            return;
        }

        IEngineRuntime runtime;
        try
        {
            runtime = runtimes.Resolve(inventory.Runtime);
        }
        catch (InvalidOperationException e)
        {
            Fail(now, $"GPU probe failed: {e.Message}", e);
            return;
        }

        var timeout = options.ProbeTimeout;
        _lastAttemptAt = now;
        _inflightStartedAt = now;
        _inflight = Task.Run(
            async () =>
            {
                using var cancellation = new CancellationTokenSource(timeout);

                // WaitAsync bounds a runtime that ignores its token, so a hung probe never blocks the next one.
                return await runtime.ProbeGpusAsync(inventory, cancellation.Token).WaitAsync(timeout, time);
            },
            CancellationToken.None);
    }

    /// <summary>Takes a finished probe's outcome (on the grain's turn).</summary>
    public void Collect()
    {
        if (_inflight is not { IsCompleted: true } done)
        {
            return;
        }

        _inflight = null;
        if (done.IsCompletedSuccessfully)
        {
            Last = done.Result;
            _lastSuccessAt = _inflightStartedAt;
            return;
        }

        var error = done.Exception?.GetBaseException();
        var message = error is null or OperationCanceledException or TimeoutException
            ? $"GPU probe did not answer within {options.ProbeTimeout.TotalSeconds:0.#} s"
            : $"GPU probe failed: {error.Message}";
        Fail(_inflightStartedAt, message, error);
    }

    private void Fail(DateTimeOffset at, string message, Exception? error)
    {
        _lastError = message;
        _lastErrorAt = at;
        LogProbeFailed(logger, nodeName, message, error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: {Error}")]
    private static partial void LogProbeFailed(ILogger logger, string node, string error, Exception? exception);
}
