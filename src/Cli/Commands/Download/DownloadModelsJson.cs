using SglangCi.Toolkit.Downloads;

namespace SglangCi.Cli.Commands.Download;

/// <summary>The <c>--json</c> document of a download or dry run: one element per model, failures included with their error.</summary>
public sealed record DownloadModelsJson(string BaseDir, string Catalog, bool DryRun, IReadOnlyList<DownloadModelJson> Models);

/// <summary>One model's outcome; sizes in bytes; <c>error</c> is null on success.</summary>
public sealed record DownloadModelJson(
    string Key,
    string HfRepo,
    string LocalDir,
    string? Revision,
    int? Files,
    int? FilesComplete,
    long? TotalBytes,
    long? PresentBytes,
    long? BytesToDownload,
    int? FilesDownloaded,
    long? BytesTransferred,
    double? ElapsedS,
    IReadOnlyList<DownloadFileJson>? FilesToDownload,
    string? Error)
{
    public static DownloadModelJson From(ModelDownloadEntry entry, string localDir, DownloadResult? result, string? error)
    {
        var plan = result?.Plan;
        return new DownloadModelJson(
            entry.Key,
            entry.HfRepo,
            localDir,
            plan?.Revision,
            plan?.Files.Count,
            plan?.CompleteFiles,
            plan?.TotalBytes,
            plan?.PresentBytes,
            plan?.BytesToDownload,
            result?.FilesDownloaded,
            result?.BytesTransferred,
            result is null ? null : Math.Round(result.Elapsed.TotalSeconds, 1),
            result is { DryRun: true } ? plan!.Files.Where(f => f.State != LocalFileState.Complete).Select(DownloadFileJson.From).ToList() : null,
            error);
    }
}

/// <summary>A file a dry run would fetch: its state decides whether it resumes (partial) or starts over (missing, stale).</summary>
public sealed record DownloadFileJson(string Path, long Size, string State, long LocalBytes)
{
    public static DownloadFileJson From(PlannedFile file) =>
        new(file.File.Path, file.File.Size, file.State.ToString().ToLowerInvariant(), file.LocalBytes);
}

/// <summary>The <c>--status</c> document: what is on disk, decided without the network.</summary>
public sealed record ModelStatusJson(string Key, string HfRepo, string LocalDir, string State, long BytesOnDisk, long ApproxBytes, int Files, int IncompleteFiles, DateTimeOffset? CompletedUtc)
{
    public static ModelStatusJson From(ModelDownloadEntry entry, LocalModelStatus status) => new(
        entry.Key, entry.HfRepo, status.Directory, status.State.ToString().ToLowerInvariant(), status.BytesOnDisk,
        ApproxBytesOf(entry), status.Files, status.IncompleteFiles, status.Marker?.CompletedUtc);

    public static long ApproxBytesOf(ModelDownloadEntry entry) => (long)(entry.ApproxSizeGb * 1_000_000_000);
}
