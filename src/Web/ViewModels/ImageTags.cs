using System.Text.RegularExpressions;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// Reads nightly image names: <c>rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251206</c> is release <c>v0.5.6-rocm700</c> built
/// for mi30x on 2025-12-06. Every night has a new tag; a new release is what can move the numbers.
/// </summary>
public static partial class ImageTags
{
    /// <summary>The tag without its hardware and date suffix; the whole tag when it has no such suffix; null for no image.</summary>
    public static string? Release(string? image)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return null;
        }

        var tag = image[(image.LastIndexOf(':') + 1)..];
        var match = NightlySuffix().Match(tag);
        return match.Success ? match.Groups["release"].Value : tag;
    }

    [GeneratedRegex(@"^(?<release>.+?)(?:-mi\d+\w*)?-\d{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex NightlySuffix();
}
