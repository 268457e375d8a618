namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// Aggregates the byte and file counts of files downloading in parallel into <see cref="DownloadProgress"/> snapshots,
/// at most every 200 ms (a 1 MB buffer loop would otherwise post thousands of reports a second to the UI).
/// </summary>
internal sealed class ProgressTracker(string repo, int filesTotal, int filesDone, long bytesTotal, IProgress<DownloadProgress>? progress)
{
    private const long IntervalMs = 200;
    private readonly Lock _gate = new();
    private int _filesDone = filesDone;
    private long _bytesTotal = bytesTotal;
    private long _transferred;
    private long _useful;
    private string? _current;
    private long _lastReport = long.MinValue;

    /// <summary>Bytes received, including any later discarded (a prefix the server would not resume).</summary>
    public long Transferred
    {
        get
        {
            lock (_gate)
            {
                return _transferred;
            }
        }
    }

    public void Received(string path, int bytes)
    {
        lock (_gate)
        {
            _transferred += bytes;
            _useful += bytes;
            _current = path;
        }

        Report(force: false);
    }

    /// <summary>Bytes thrown away (an unusable resume prefix) must be fetched again, so the total grows by them.</summary>
    public void Discarded(long bytes)
    {
        lock (_gate)
        {
            _bytesTotal += bytes;
        }
    }

    public void FileCompleted(string path)
    {
        lock (_gate)
        {
            _filesDone++;
            _current = path;
        }

        Report(force: true);
    }

    public void Finish()
    {
        lock (_gate)
        {
            _current = null;
        }

        Report(force: true);
    }

    public void Report(bool force)
    {
        if (progress is null)
        {
            return;
        }

        DownloadProgress snapshot;
        lock (_gate)
        {
            var now = Environment.TickCount64;
            if (!force && now - _lastReport < IntervalMs)
            {
                return;
            }

            _lastReport = now;
            snapshot = new DownloadProgress(repo, _current, _filesDone, filesTotal, Math.Min(_useful, _bytesTotal), _bytesTotal);
        }

        progress.Report(snapshot);
    }
}
