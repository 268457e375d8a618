namespace SglangCi.Toolkit.Downloads;

/// <summary>The outcome of <see cref="ModelDownloader.DownloadAsync(string, string, IProgress{DownloadProgress}?, CancellationToken)"/>:
/// the plan it followed plus what it actually transferred (nothing for a dry run).</summary>
/// <param name="Plan">The plan, computed before any write.</param>
/// <param name="DryRun">True when nothing was written.</param>
/// <param name="FilesDownloaded">Files fetched (whole or resumed) in this run.</param>
/// <param name="BytesTransferred">Bytes received in this run, retries included.</param>
/// <param name="Elapsed">Wall time of the transfer.</param>
public sealed record DownloadResult(DownloadPlan Plan, bool DryRun, int FilesDownloaded, long BytesTransferred, TimeSpan Elapsed);
