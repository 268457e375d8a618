namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// The offline state of one model directory: GPU nodes often cannot reach the Hub, yet an operator (or the scheduler)
/// must know whether a run's weights are there. Decided from the completion marker and leftover <c>.incomplete</c> files;
/// a directory filled by the old huggingface-cli (no marker) counts as present when it is at least 90% of the catalog's size.
/// </summary>
public sealed record LocalModelStatus(string Directory, LocalModelState State, long BytesOnDisk, int Files, int IncompleteFiles, DownloadMarker? Marker)
{
    /// <summary>Inspects <paramref name="directory"/>; <paramref name="approxBytes"/> (from the catalog) judges directories without a marker.</summary>
    public static LocalModelStatus Inspect(string directory, long approxBytes)
    {
        var root = new DirectoryInfo(directory);
        if (!root.Exists)
        {
            return new LocalModelStatus(root.FullName, LocalModelState.Missing, 0, 0, 0, null);
        }

        long bytes = 0;
        int files = 0, incomplete = 0;
        var cache = Path.Combine(root.FullName, ".cache") + Path.DirectorySeparatorChar;
        foreach (var file in root.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 }))
        {
            if (file.FullName.StartsWith(cache, StringComparison.Ordinal))
            {
                // huggingface-cli keeps its own partial downloads here.
                incomplete += file.Name.EndsWith(ModelDownloader.IncompleteSuffix, StringComparison.Ordinal) ? 1 : 0;
                continue;
            }

            bytes += file.Length;
            if (file.Name.EndsWith(ModelDownloader.IncompleteSuffix, StringComparison.Ordinal))
            {
                incomplete++;
            }
            else
            {
                files++;
            }
        }

        var marker = DownloadMarker.Read(root.FullName);
        var state = (files, incomplete, marker) switch
        {
            (0, 0, _) => LocalModelState.Missing,
            (_, > 0, _) => LocalModelState.Partial,
            (_, _, not null) => LocalModelState.Present,
            _ => bytes >= approxBytes * 0.9 ? LocalModelState.Present : LocalModelState.Partial,
        };
        return new LocalModelStatus(root.FullName, state, bytes, files, incomplete, marker);
    }
}
