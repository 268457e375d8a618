using System.Diagnostics;
using System.Net;

namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// Downloads a Hugging Face repo into a directory with the files at their repo paths (the layout of
/// <c>huggingface-cli download --local-dir</c>, which SGLang's <c>--model-path</c> reads), replacing the old
/// <c>download_models.sh</c>. Built for hundreds of GB over links that drop: complete files are skipped, partial ones
/// resume with a Range request into <c>&lt;file&gt;.incomplete</c> and are renamed into place only after their hash
/// matched, transient failures are retried, and free disk space is checked before the first byte is written.
/// </summary>
public sealed class ModelDownloader
{
    /// <summary>Suffix of a file being downloaded; its presence means "resume me", never "use me".</summary>
    public const string IncompleteSuffix = ".incomplete";

    private const int BufferSize = 1 << 20;

    private readonly HuggingFaceClient _client;
    private readonly Func<string, long> _availableBytes;

    /// <param name="client">Talks to the Hub (or a mirror).</param>
    /// <param name="options">Dry run, verification, retries, parallelism.</param>
    /// <param name="availableBytes">Free bytes for a directory; default <see cref="DiskSpace.AvailableBytes"/> (tests inject a fake).</param>
    public ModelDownloader(HuggingFaceClient client, ModelDownloadOptions? options = null, Func<string, long>? availableBytes = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        Options = options ?? new ModelDownloadOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxParallelFiles, 1);
        _availableBytes = availableBytes ?? DiskSpace.AvailableBytes;
    }

    public ModelDownloadOptions Options { get; }

    private string Revision => Options.Revision ?? _client.Options.Revision;

    /// <summary>Lists the repo and compares it with the directory; writes nothing (hashes complete-looking files when verifying).</summary>
    /// <exception cref="ModelDownloadException">The listing failed, or the repo holds a path that would escape the directory.</exception>
    public async Task<DownloadPlan> PlanAsync(string repo, string localDirectory, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localDirectory);
        var revision = Revision;
        var files = await _client.ListFilesAsync(repo, revision, ct).ConfigureAwait(false);
        var planned = new List<PlannedFile>(files.Count);
        foreach (var file in files)
        {
            planned.Add(await InspectAsync(file, LocalPath(localDirectory, repo, file), ct).ConfigureAwait(false));
        }

        return new DownloadPlan(repo, revision, Path.GetFullPath(localDirectory), planned);
    }

    /// <summary>Downloads a catalog entry into <c>baseDirectory/entry.LocalDir</c>, at the entry's revision when it names one.</summary>
    public Task<DownloadResult> DownloadAsync(ModelDownloadEntry entry, string baseDirectory, IProgress<DownloadProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var downloader = entry.Revision is null || Options.Revision is not null
            ? this
            : new ModelDownloader(_client, Options with { Revision = entry.Revision }, _availableBytes);
        return downloader.DownloadAsync(entry.HfRepo, entry.LocalPath(baseDirectory), progress, ct);
    }

    /// <summary>
    /// <see cref="DownloadAsync(ModelDownloadEntry, string, IProgress{DownloadProgress}?, CancellationToken)"/> for one model
    /// of a batch: a failure of this model (the Hub, the disk) becomes <see cref="ModelDownloadOutcome.Error"/> so the
    /// next model still gets its turn. Cancellation is not a failure of the model: it propagates, leaving
    /// <c>.incomplete</c> files for the next run.
    /// </summary>
    public async Task<ModelDownloadOutcome> TryDownloadAsync(
        ModelDownloadEntry entry, string baseDirectory, IProgress<DownloadProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var localDirectory = entry.LocalPath(baseDirectory);
        try
        {
            var result = await DownloadAsync(entry, baseDirectory, progress, ct).ConfigureAwait(false);
            return new ModelDownloadOutcome(entry, localDirectory, result, null);
        }
        catch (ModelDownloadException ex)
        {
            return new ModelDownloadOutcome(entry, localDirectory, null, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ModelDownloadOutcome(entry, localDirectory, null, $"{entry.HfRepo}: cannot write {localDirectory}: {ex.Message}");
        }
    }

    /// <summary>
    /// Makes <paramref name="localDirectory"/> hold every file of <paramref name="repo"/> (or, with
    /// <see cref="ModelDownloadOptions.DryRun"/>, only says what that would take). Cancelling leaves <c>.incomplete</c>
    /// files that the next run resumes.
    /// </summary>
    /// <exception cref="ModelDownloadException">Listing failed, not enough disk space, a hash mismatch, or a file still failing after the retries.</exception>
    public async Task<DownloadResult> DownloadAsync(string repo, string localDirectory, IProgress<DownloadProgress>? progress = null, CancellationToken ct = default)
    {
        var plan = await PlanAsync(repo, localDirectory, ct).ConfigureAwait(false);
        if (Options.DryRun)
        {
            return new DownloadResult(plan, DryRun: true, 0, 0, TimeSpan.Zero);
        }

        var needed = plan.BytesToDownload;
        var available = _availableBytes(plan.LocalDirectory);
        if (needed > available)
        {
            throw new ModelDownloadException(
                $"Not enough disk space for {repo} in {plan.LocalDirectory}: {ByteSize.Format(needed)} still to download, " +
                $"only {ByteSize.Format(available)} free. Free space (e.g. sglang-ci housekeeping) or choose another --base-dir.");
        }

        var stopwatch = Stopwatch.StartNew();
        var tracker = new ProgressTracker(repo, plan.Files.Count, plan.CompleteFiles, needed, progress);
        var pending = plan.Files.Where(f => f.State != LocalFileState.Complete).ToList();
        tracker.Report(force: true);
        if (pending.Count > 0)
        {
            Directory.CreateDirectory(plan.LocalDirectory);
            await Parallel.ForEachAsync(
                pending,
                new ParallelOptions { MaxDegreeOfParallelism = Options.MaxParallelFiles, CancellationToken = ct },
                async (file, token) =>
                {
                    await DownloadFileWithRetriesAsync(repo, file, LocalPath(plan.LocalDirectory, repo, file.File), tracker, token).ConfigureAwait(false);
                    tracker.FileCompleted(file.File.Path);
                }).ConfigureAwait(false);
        }

        DownloadMarker.Write(plan);
        tracker.Finish();
        return new DownloadResult(plan, DryRun: false, pending.Count, tracker.Transferred, stopwatch.Elapsed);
    }

    private async Task<PlannedFile> InspectAsync(RepoFile file, string path, CancellationToken ct)
    {
        var final = new FileInfo(path);
        if (final.Exists)
        {
            if (final.Length != file.Size)
            {
                return new PlannedFile(file, LocalFileState.Stale, 0);
            }

            if (Options.Verify)
            {
                using var hash = ContentHash.For(file);
                await hash.AppendFileAsync(path, final.Length, ct).ConfigureAwait(false);
                if (hash.Mismatch() is not null)
                {
                    return new PlannedFile(file, LocalFileState.Stale, 0);
                }
            }

            return new PlannedFile(file, LocalFileState.Complete, file.Size);
        }

        var partial = new FileInfo(path + IncompleteSuffix);
        if (partial.Exists)
        {
            return partial.Length <= file.Size
                ? new PlannedFile(file, LocalFileState.Partial, partial.Length)
                : new PlannedFile(file, LocalFileState.Stale, 0);
        }

        return new PlannedFile(file, LocalFileState.Missing, 0);
    }

    private async Task DownloadFileWithRetriesAsync(string repo, PlannedFile planned, string finalPath, ProgressTracker tracker, CancellationToken ct)
    {
        var partialPath = finalPath + IncompleteSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        if (planned.State == LocalFileState.Stale)
        {
            File.Delete(finalPath);
            File.Delete(partialPath);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TransferAsync(repo, planned.File, partialPath, finalPath, tracker, ct).ConfigureAwait(false);
                return;
            }
            catch (ModelDownloadException ex) when (ex.Transient && attempt < Options.MaxAttempts && !ct.IsCancellationRequested)
            {
                var delay = Options.RetryDelay * Math.Pow(2, attempt - 1);
                await Task.Delay(delay, ct).ConfigureAwait(false);
            }
            catch (ModelDownloadException ex) when (ex.Transient)
            {
                throw new ModelDownloadException(
                    $"{repo}/{planned.File.Path}: still failing after {attempt} attempts: {ex.Message} The partial file is kept; run again to resume.",
                    transient: true,
                    ex.StatusCode,
                    ex);
            }
        }
    }

    /// <summary>One attempt: resume from whatever <c>.incomplete</c> holds, stream to it while hashing, then verify and rename.</summary>
    private async Task TransferAsync(string repo, RepoFile file, string partialPath, string finalPath, ProgressTracker tracker, CancellationToken ct)
    {
        var offset = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
        if (offset > file.Size)
        {
            File.Delete(partialPath);
            tracker.Discarded(offset);
            offset = 0;
        }

        HttpResponseMessage? response = null;
        try
        {
            if (offset < file.Size)
            {
                try
                {
                    response = await _client.OpenFileAsync(repo, file.Path, offset, Revision, ct).ConfigureAwait(false);
                }
                catch (ModelDownloadException ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
                {
                    // The prefix does not fit the file the server has now: start over on the next attempt.
                    File.Delete(partialPath);
                    tracker.Discarded(offset);
                    throw new ModelDownloadException(ex.Message + " Starting the file over.", transient: true, ex.StatusCode, ex);
                }

                if (offset > 0 && !IsRangeAnswer(response, offset))
                {
                    // A 200 (range ignored) or a range we did not ask for: the body is the whole file, so drop the prefix.
                    tracker.Discarded(offset);
                    offset = 0;
                }
            }

            using var hash = ContentHash.For(file);
            if (offset > 0)
            {
                await hash.AppendFileAsync(partialPath, offset, ct).ConfigureAwait(false);
            }

            var received = 0L;
            await using (var output = new FileStream(partialPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true))
            {
                output.SetLength(offset);
                output.Position = offset;
                if (response is not null)
                {
                    received = await CopyBodyAsync(repo, file, response, output, hash, offset, tracker, ct).ConfigureAwait(false);
                }

                await output.FlushAsync(ct).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }

            var total = offset + received;
            if (total != file.Size)
            {
                var longer = total > file.Size;
                if (longer)
                {
                    File.Delete(partialPath);
                    tracker.Discarded(total);
                }

                throw new ModelDownloadException(
                    $"{repo}/{file.Path}: the server sent {ByteSize.Format(total)} but the listing says {ByteSize.Format(file.Size)}.",
                    transient: !longer);
            }

            if (hash.Mismatch() is { } actual)
            {
                File.Delete(partialPath);
                throw new ModelDownloadException(
                    $"{repo}/{file.Path}: {hash.Kind} mismatch: expected {hash.Expected}, got {actual}. The downloaded file was deleted; " +
                    "the repo may have changed during the download, or the transfer was corrupted.");
            }

            File.Move(partialPath, finalPath, overwrite: true);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private static bool IsRangeAnswer(HttpResponseMessage response, long offset) =>
        response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == offset;

    /// <summary>
    /// Streams the body into the file. Only reads are guarded: a dropped or stalled connection becomes a transient
    /// error (the bytes so far stay for the retry), while a local write failure (disk full) propagates as it is.
    /// </summary>
    private async Task<long> CopyBodyAsync(
        string repo, RepoFile file, HttpResponseMessage response, FileStream output, ContentHash hash, long offset, ProgressTracker tracker, CancellationToken ct)
    {
        var buffer = new byte[BufferSize];
        var received = 0L;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Stream? body = null;
        try
        {
            while (true)
            {
                int read;
                try
                {
                    stall.CancelAfter(_client.Options.StallTimeout);
                    body ??= await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
                    read = await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
                {
                    throw new ModelDownloadException(
                        $"{repo}/{file.Path}: no data for {_client.Options.StallTimeout.TotalSeconds:0} s after {ByteSize.Format(offset + received)}.",
                        transient: true,
                        innerException: ex);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException && !ct.IsCancellationRequested)
                {
                    throw new ModelDownloadException(
                        $"{repo}/{file.Path}: the connection dropped after {ByteSize.Format(offset + received)}: {ex.Message}",
                        transient: true,
                        innerException: ex);
                }

                if (read == 0)
                {
                    return received;
                }

                await output.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                hash.Append(buffer.AsSpan(0, read));
                received += read;
                tracker.Received(file.Path, read);
            }
        }
        finally
        {
            if (body is not null)
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Where a repo file lands; rejects paths that would leave the directory (a hostile or broken listing).</summary>
    private static string LocalPath(string localDirectory, string repo, RepoFile file)
    {
        var root = Path.GetFullPath(localDirectory);
        var segments = file.Path.Split('/');
        if (file.Path.Length == 0 || Path.IsPathRooted(file.Path) || file.Path.Contains('\\', StringComparison.Ordinal) ||
            segments.Any(s => s is "" or "." or ".."))
        {
            throw new ModelDownloadException($"{repo}: the listing holds an unsafe path '{file.Path}'; refusing to write it.");
        }

        var full = Path.GetFullPath(Path.Combine([root, .. segments]));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new ModelDownloadException($"{repo}: the listing holds an unsafe path '{file.Path}'; refusing to write it.");
    }
}
