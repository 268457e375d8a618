using System.Globalization;
using SglangCi.Toolkit.Downloads;

namespace SglangCi.Silo.RunKinds.ModelDownload;

/// <summary>
/// A model's download progress in the run's log: the downloader reports from several threads many times a second;
/// this keeps the latest report and writes one line every interval while the download runs (and none when nothing moved),
/// so a 600 GB night leaves a readable log, not one line per chunk.
/// </summary>
public sealed class DownloadProgressLog(string label) : IProgress<DownloadProgress>
{
    private DownloadProgress? _latest;

    public void Report(DownloadProgress value) => Volatile.Write(ref _latest, value);

    /// <summary>Awaits <paramref name="work"/>, logging the latest progress every <paramref name="interval"/> until it ends.</summary>
    public async Task<T> LogWhileAsync<T>(Task<T> work, Func<string, Task> log, TimeSpan interval, TimeProvider time)
    {
        DownloadProgress? logged = null;
        using var stop = new CancellationTokenSource();
        try
        {
            while (true)
            {
                var tick = Task.Delay(interval, time, stop.Token);
                if (await Task.WhenAny(work, tick) == work)
                {
                    return await work;
                }

                var latest = Volatile.Read(ref _latest);
                if (latest is not null && !ReferenceEquals(latest, logged))
                {
                    logged = latest;
                    try
                    {
                        await log(Describe(latest));
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Progress is best effort: a log that cannot be written must not leave the download running unwatched.
                    }
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private string Describe(DownloadProgress progress)
    {
        var line = progress.Describe(label);
        return progress.BytesTotal > 0
            ? line + string.Create(CultureInfo.InvariantCulture, $" ({100.0 * progress.BytesDone / progress.BytesTotal:0}%)")
            : line;
    }
}
