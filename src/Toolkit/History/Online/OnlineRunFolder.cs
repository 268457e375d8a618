using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.History.Online;

/// <summary>
/// An old online result folder's name, <c>&lt;tag&gt;_&lt;MODEL&gt;_&lt;variant&gt;_&lt;mode&gt;</c>, e.g.
/// <c>v0.5.6-rocm700-mi30x-20251206_DeepSeek-V3-0324_FP8_online_dp_attention</c>. The variant is the weight format the
/// old scripts printed (<c>MOE-I4F8</c> or <c>FP8</c>, "FP8" even for MXFP4); the mode is <c>online</c> plus an
/// optional suffix. A mode that is not <c>online…</c> (a backup copy, an ad-hoc test folder) has no clear meaning.
/// </summary>
public sealed partial record OnlineRunFolder(ImageTag Image, string Model, string Variant, string Mode)
{
    public static bool TryParse(string name, [NotNullWhen(true)] out OnlineRunFolder? folder)
    {
        folder = null;
        var match = FolderPattern().Match(name);
        if (!match.Success || !ImageTag.TryParse(match.Groups["tag"].Value, out var tag))
        {
            return false;
        }

        folder = new OnlineRunFolder(tag, match.Groups["model"].Value, match.Groups["variant"].Value, match.Groups["mode"].Value);
        return true;
    }

    [GeneratedRegex(@"^(?<tag>v[^_]+-\d{8})_(?<model>.+?)_(?<variant>[A-Z0-9]+(?:-[A-Z0-9]+)*)_(?<mode>online(?:_[a-z0-9]+)*)$", RegexOptions.CultureInvariant)]
    private static partial Regex FolderPattern();
}
