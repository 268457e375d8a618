using System.Diagnostics;
using System.Threading.Channels;
using SglangCi.SimulatedEngine.Generation;

namespace SglangCi.SimulatedEngine.Scheduling;

/// <summary>
/// The simulated GPU: one loop doing continuous batching in virtual time. Each iteration admits waiting
/// requests (FIFO, up to <see cref="SimulatedEngineOptions.MaxRunningRequests"/>), runs one prefill step
/// for them (which emits their first token) and then one decode step that gives every running request
/// one more token. Step durations come from <see cref="LatencyModel"/>; the loop sleeps until absolute
/// deadlines (previous deadline + step) so timer jitter does not accumulate and measured TTFT/ITL match
/// the model within a few percent.
/// </summary>
internal sealed class EngineScheduler : IAsyncDisposable
{
    /// <summary>If the loop falls this far behind (a GC pause, an overloaded machine) it resets its clock
    /// instead of bursting steps to catch up, which would show up as unrealistically short ITLs.</summary>
    private const double MaxLagMs = 50;

    /// <summary>Task.Delay wakes up late (measured: ~2 ms on Linux, it rounds up and then waits for a timer
    /// tick); sleep this much less and spin the rest.</summary>
    private const double SpinMarginMs = 2.5;

    /// <summary>SGLang logs decode throughput every 40 decode steps; <c>last_gen_throughput</c> follows it.</summary>
    private const int ThroughputWindowSteps = 40;

    private readonly SimulatedEngineOptions _options;
    private readonly SimulatedEngineStats _stats;
    private readonly Channel<EngineRequest> _waiting = Channel.CreateUnbounded<EngineRequest>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = false,
    });

    private readonly List<EngineRequest> _running = [];
    private readonly List<EngineRequest> _admitted = [];
    private readonly List<EngineRequest> _stalled = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _waitingCount;
    private int _runningCount;
    private double _lastGenThroughput;
    private int _windowSteps;
    private long _windowTokens;
    private double _windowStartMs;

    private readonly Action<string> _onFailure;

    /// <param name="onFailure">Called if the loop dies of an unexpected error: a dead scheduler must take
    /// the server down (as a dead SGLang scheduler process does) rather than leave it healthy but mute.</param>
    public EngineScheduler(SimulatedEngineOptions options, SimulatedEngineStats stats, Action<string> onFailure)
    {
        _options = options;
        _stats = stats;
        _onFailure = onFailure;
    }

    /// <summary>Requests waiting for a batch slot.</summary>
    public int WaitingCount => Volatile.Read(ref _waitingCount);

    /// <summary>Requests in the running batch.</summary>
    public int RunningCount => Volatile.Read(ref _runningCount);

    /// <summary>Decode throughput (tokens/s) over the last window of decode steps, as SGLang reports it.</summary>
    public double LastGenThroughput => Volatile.Read(ref _lastGenThroughput);

    private double NowMs => _clock.Elapsed.TotalMilliseconds;

    /// <summary>Starts the loop; called once.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Queues a request; it runs when a batch slot frees up.</summary>
    public void Enqueue(EngineRequest request)
    {
        Interlocked.Increment(ref _waitingCount);
        if (!_waiting.Writer.TryWrite(request))
        {
            Interlocked.Decrement(ref _waitingCount);
            request.Abort("The server is shutting down.");
        }
    }

    /// <summary>Stops the loop and aborts every request still in the engine, so no handler waits forever.</summary>
    public async Task StopAsync()
    {
        _waiting.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        while (_waiting.Reader.TryRead(out var request))
        {
            request.Abort("The server is shutting down.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var deadline = 0.0;
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                DropCancelled(_running);
                DropCancelled(_stalled);
                if (_running.Count == 0)
                {
                    if (!_waiting.Reader.TryPeek(out _) && !await _waiting.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
                    {
                        return;
                    }

                    // An idle GPU starts the next step when work arrives, not at the old deadline.
                    deadline = Math.Max(deadline, NowMs);
                }
                else if (NowMs - deadline > MaxLagMs)
                {
                    deadline = NowMs;
                }

                Admit();
                if (_admitted.Count > 0)
                {
                    deadline += LatencyModel.PrefillStepMs(_options, _admitted.Sum(static r => (long)r.Input.PromptTokens));
                    await SleepUntilAsync(deadline, ct).ConfigureAwait(false);
                    foreach (var request in _admitted)
                    {
                        if (request.IsCancelled)
                        {
                            _stats.OnAborted();
                        }
                        else if (Step(request))
                        {
                            _running.Add(request);
                        }
                    }

                    _admitted.Clear();
                    Volatile.Write(ref _runningCount, _running.Count);
                }

                if (_running.Count > 0)
                {
                    var stepStart = deadline;
                    deadline += LatencyModel.ExpectedDecodeStepMs(_options, _running.Count);
                    await SleepUntilAsync(deadline, ct).ConfigureAwait(false);
                    var tokens = 0;
                    _running.RemoveAll(request =>
                    {
                        if (request.IsCancelled)
                        {
                            _stats.OnAborted();
                            return true;
                        }

                        var before = request.Plan.Generated;
                        var keep = Step(request);
                        tokens += request.Plan.Generated - before;
                        return !keep;
                    });
                    Volatile.Write(ref _runningCount, _running.Count);
                    RecordThroughput(tokens, stepStart);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        catch (Exception e)
        {
            _waiting.Writer.TryComplete();
            _onFailure($"The simulated scheduler failed: {e.Message}");
        }
        finally
        {
            foreach (var request in _running.Concat(_admitted).Concat(_stalled))
            {
                request.Abort("The server is shutting down.");
            }

            _running.Clear();
            _admitted.Clear();
            _stalled.Clear();
            Volatile.Write(ref _runningCount, 0);
        }
    }

    /// <summary>Moves waiting requests into the batch, skipping ones cancelled while queued.</summary>
    private void Admit()
    {
        _stats.OnWaiting(WaitingCount);
        while (_running.Count + _admitted.Count < _options.MaxRunningRequests && _waiting.Reader.TryRead(out var request))
        {
            Interlocked.Decrement(ref _waitingCount);
            if (request.IsCancelled)
            {
                _stats.OnAborted();
                continue;
            }

            _stats.OnAdmitted(request.Input.PromptTokens);
            _admitted.Add(request);
        }

        _stats.OnRunningBatch(_running.Count + _admitted.Count);
    }

    /// <summary>Produces one token for <paramref name="request"/>; false when it leaves the batch
    /// (finished, or stalled by an injected fault).</summary>
    private bool Step(EngineRequest request)
    {
        var before = request.Plan.Generated;
        var e = request.Plan.Next();
        _stats.OnTokens(request.Plan.Generated - before);
        request.Emit(e);
        if (e.Finish is not null)
        {
            _stats.OnServed();
            return false;
        }

        if (_options.Faults.StallAfterTokens is { } stallAt && request.Plan.Generated >= stallAt)
        {
            _stalled.Add(request);
            return false;
        }

        return true;
    }

    private void DropCancelled(List<EngineRequest> requests)
    {
        var dropped = requests.RemoveAll(static r => r.IsCancelled);
        for (var i = 0; i < dropped; i++)
        {
            _stats.OnAborted();
        }
    }

    private void RecordThroughput(int tokens, double stepStartMs)
    {
        if (_windowSteps == 0)
        {
            _windowStartMs = stepStartMs;
        }

        _windowSteps++;
        _windowTokens += tokens;
        if (_windowSteps < ThroughputWindowSteps)
        {
            return;
        }

        var seconds = (NowMs - _windowStartMs) / 1000;
        if (seconds > 0)
        {
            Volatile.Write(ref _lastGenThroughput, _windowTokens / seconds);
        }

        _windowSteps = 0;
        _windowTokens = 0;
    }

    /// <summary>Sleeps until the absolute virtual deadline: timer sleep for the bulk, then a yielding spin
    /// for the last stretch, because timer wake-ups are only millisecond-accurate.</summary>
    private async ValueTask SleepUntilAsync(double deadlineMs, CancellationToken ct)
    {
        var remaining = deadlineMs - NowMs;
        if (remaining > SpinMarginMs)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(remaining - SpinMarginMs), ct).ConfigureAwait(false);
        }

        var spin = default(SpinWait);
        while (NowMs < deadlineMs)
        {
            ct.ThrowIfCancellationRequested();
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
