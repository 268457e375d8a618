using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// Plan-then-apply housekeeping of a node (the old CI's <c>system_cleanup.sh</c>): lists images, the containers that use
/// them and the core-dump folders, lets <see cref="HousekeepingPlanner"/> decide, then removes (or, dry run, only lists)
/// and reports the disk space of Docker's data root and of the folders. Images are removed without force, so Docker
/// itself refuses an image a container started meanwhile. A failure of one item is reported on that item; Docker not
/// answering is reported in <see cref="HousekeepingReport.DockerError"/> and the core dumps are still handled.
/// </summary>
public sealed partial class DockerHousekeeping(DockerConnection connection, HousekeepingOptions options, TimeProvider time, ILogger<DockerHousekeeping>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public async Task<HousekeepingReport> RunAsync(CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        var notes = new List<string>();
        string? dockerError = null;
        string? dockerRoot = null;
        IReadOnlyList<DockerImageFacts> images = [];
        var inUse = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var client = connection.Client;
            dockerRoot = (await client.System.GetSystemInfoAsync(ct)).DockerRootDir;
            // Containers first: an image a container gets between the two listings is still refused by Docker on removal.
            foreach (var container in await client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct))
            {
                if (!string.IsNullOrEmpty(container.ImageID))
                {
                    inUse.Add(container.ImageID);
                }
            }

            images = [.. (await client.Images.ListImagesAsync(new ImagesListParameters { All = false }, ct)).Select(ToFacts)];
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            dockerError = $"Docker at {connection.Endpoint} did not answer: {e.GetBaseException().Message}";
            LogDockerUnavailable(_logger, dockerError);
        }

        var dumps = FindCoreDumps(notes);
        var now = time.GetUtcNow();
        var plan = HousekeepingPlanner.Plan(images, inUse, dumps, options, now);
        var items = new List<HousekeepingItemResult>();
        foreach (var candidate in plan.Remove)
        {
            if (options.DryRun)
            {
                items.Add(Result(candidate, HousekeepingOutcome.WouldRemove, null));
                continue;
            }

            var error = await RemoveAsync(candidate, ct);
            items.Add(Result(candidate, error is null ? HousekeepingOutcome.Removed : HousekeepingOutcome.Failed, error));
            if (error is null)
            {
                LogRemoved(_logger, candidate.Kind, candidate.Name, candidate.SizeBytes);
            }
            else
            {
                LogRemoveFailed(_logger, candidate.Kind, candidate.Name, error);
            }
        }

        var disks = new List<DiskSpaceReport>();
        if (dockerRoot is not null)
        {
            disks.Add(Disk("docker data root", dockerRoot));
        }

        disks.AddRange(options.CoreDumpDirectories.Select(d => Disk("core-dump folder", Path.GetFullPath(d))));
        return new HousekeepingReport(options.DryRun, now, connection.Endpoint.ToString(), dockerError, options.OlderThanDays, items, plan.Kept, disks, notes);
    }

    private static HousekeepingItemResult Result(HousekeepingCandidate candidate, HousekeepingOutcome outcome, string? error) =>
        new(candidate.Kind, candidate.Name, candidate.SizeBytes, candidate.Created, candidate.Reason, outcome, error);

    private static DockerImageFacts ToFacts(ImagesListResponse image) =>
        new(image.ID,
            [.. (image.RepoTags ?? []).Where(t => t is not "<none>:<none>")],
            image.Labels is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(image.Labels, StringComparer.Ordinal),
            new DateTimeOffset(DateTime.SpecifyKind(image.Created, image.Created.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : image.Created.Kind)),
            image.Size);

    private List<CoreDumpFacts> FindCoreDumps(List<string> notes)
    {
        var dumps = new List<CoreDumpFacts>();
        foreach (var directory in options.CoreDumpDirectories.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            if (!Directory.Exists(directory))
            {
                notes.Add($"core-dump folder {directory} does not exist");
                continue;
            }

            try
            {
                foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
                {
                    if (HousekeepingPlanner.IsCoreDump(file.Name, options) && !file.Attributes.HasFlag(FileAttributes.ReparsePoint))
                    {
                        dumps.Add(new CoreDumpFacts(file.FullName, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)));
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                notes.Add($"core-dump folder {directory} could not be read: {e.Message}");
            }
        }

        return dumps;
    }

    /// <summary>Null when removed (or already gone), else why not.</summary>
    private async Task<string?> RemoveAsync(HousekeepingCandidate candidate, CancellationToken ct)
    {
        if (candidate.Kind == HousekeepingItemKind.CoreDump)
        {
            try
            {
                File.Delete(candidate.RemoveBy[0]);
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return e.Message;
            }
        }

        foreach (var reference in candidate.RemoveBy)
        {
            try
            {
                await connection.Client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = false }, ct);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Removed meanwhile.
            }
            catch (DockerApiException e)
            {
                return string.IsNullOrWhiteSpace(e.ResponseBody) ? e.Message : e.ResponseBody.Trim();
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException)
            {
                return e.GetBaseException().Message;
            }
        }

        return null;
    }

    private static DiskSpaceReport Disk(string what, string path)
    {
        try
        {
            if (!Directory.Exists(path))
            {
                return new DiskSpaceReport(what, path, null, null, "not on this machine");
            }

            var drive = new DriveInfo(path);
            return new DiskSpaceReport(what, path, drive.TotalSize, drive.AvailableFreeSpace, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new DiskSpaceReport(what, path, null, null, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Housekeeping removed {Kind} {Name} ({Bytes} bytes)")]
    private static partial void LogRemoved(ILogger logger, HousekeepingItemKind kind, string name, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Housekeeping could not remove {Kind} {Name}: {Reason}")]
    private static partial void LogRemoveFailed(ILogger logger, HousekeepingItemKind kind, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Housekeeping: {Reason}")]
    private static partial void LogDockerUnavailable(ILogger logger, string reason);
}
