namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// Counts finished requests across concurrent completions and reports each step. Interlocked counters keep the
/// hot path lock-free with thousands of requests finishing at once.
/// </summary>
internal sealed class ProgressTracker(int total, IProgress<LoadProgress>? progress)
{
    private int _finished;
    private int _failed;

    public void Record(bool success)
    {
        var failed = success ? Volatile.Read(ref _failed) : Interlocked.Increment(ref _failed);
        var finished = Interlocked.Increment(ref _finished);
        progress?.Report(new LoadProgress(finished, failed, total));
    }
}
