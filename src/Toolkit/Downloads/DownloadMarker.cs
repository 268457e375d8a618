using System.Text.Json;

namespace SglangCi.Toolkit.Downloads;

/// <summary>
/// A small file written into <c>&lt;localDir&gt;/.cache/sglang-ci/download.json</c> once every file of the repo is in
/// place, so <c>--status</c> can tell "complete" from "some files present" without network access (nodes are often
/// offline). It lives under <c>.cache</c>, next to where huggingface-cli keeps its own metadata, so model loaders ignore it.
/// </summary>
public sealed record DownloadMarker(string Repo, string Revision, int Files, long Bytes, DateTimeOffset CompletedUtc)
{
    /// <summary>Path of the marker relative to the model directory.</summary>
    public const string RelativePath = ".cache/sglang-ci/download.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathFor(string localDirectory) => Path.Combine(localDirectory, ".cache", "sglang-ci", "download.json");

    /// <summary>The marker of a directory, or null when there is none or it is unreadable (treated as "not known complete").</summary>
    public static DownloadMarker? Read(string localDirectory)
    {
        try
        {
            var path = PathFor(localDirectory);
            return File.Exists(path) ? JsonSerializer.Deserialize<DownloadMarker>(File.ReadAllText(path), Json) : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static void Write(DownloadPlan plan)
    {
        var path = PathFor(plan.LocalDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var marker = new DownloadMarker(plan.Repo, plan.Revision, plan.Files.Count, plan.TotalBytes, DateTimeOffset.UtcNow);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(marker, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
