using System.Text;

namespace SglangCi.Toolkit.History;

/// <summary>
/// Decides which model a run really served. The old CI named result folders after a model but sometimes ran other
/// weights in them (on mi35x, folders named DeepSeek-V3-0324 held DeepSeek-R1-MXFP4 runs), so the weights' path wins
/// when it plainly names another model: an explicit <c>--model-name</c> first, then the folder's model if the path
/// mentions it, else the path's last segment without its <c>amd-</c> organisation prefix.
/// </summary>
public static class SeedModelNames
{
    public static string Resolve(string folderModel, string? modelPath, string? modelNameFlag = null)
    {
        ArgumentNullException.ThrowIfNull(folderModel);
        if (!string.IsNullOrWhiteSpace(modelNameFlag))
        {
            return modelNameFlag.Trim();
        }

        if (string.IsNullOrWhiteSpace(modelPath) || Normalize(modelPath).Contains(Normalize(folderModel), StringComparison.Ordinal))
        {
            return folderModel;
        }

        var weights = WeightsName(modelPath);
        return weights.Length == 0 ? folderModel : weights;
    }

    /// <summary>The last segment of a model path without a leading <c>amd--</c> / <c>amd-</c>.</summary>
    public static string WeightsName(string modelPath)
    {
        var segment = modelPath.TrimEnd('/').Split('/')[^1];
        foreach (var prefix in (string[])["amd--", "amd-"])
        {
            if (segment.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return segment[prefix.Length..];
            }
        }

        return segment;
    }

    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
