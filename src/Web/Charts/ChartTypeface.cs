using SkiaSharp;

namespace SglangCi.Web.Charts;

/// <summary>
/// The typeface chart labels are drawn in, found once. SkiaSharp's NoDependencies native library has no fontconfig, so
/// its font manager may know no system fonts; the files Debian's common font packages install (DejaVu comes with
/// fontconfig, which the CI's chromium pulls in; Liberation with chromium's recommends) are tried by path after it. Null
/// when none has digits: charts are then drawn without labels rather than not at all.
/// </summary>
public static class ChartTypeface
{
    private static readonly string[] Families = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"];

    private static readonly string[] KnownFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        @"C:\Windows\Fonts\arial.ttf",
    ];

    private static readonly Lazy<SKTypeface?> Found = new(Find);

    /// <summary>A typeface that can draw the labels, or null when this machine has none.</summary>
    public static SKTypeface? Labels => Found.Value;

    private static SKTypeface? Find()
    {
        foreach (var family in Families)
        {
            if (Usable(SKFontManager.Default.MatchFamily(family)) is { } matched)
            {
                return matched;
            }
        }

        foreach (var file in KnownFiles.Where(File.Exists))
        {
            if (Usable(SKTypeface.FromFile(file)) is { } loaded)
            {
                return loaded;
            }
        }

        // Last: the default typeface is an empty one where the font manager has nothing, hence the glyph check.
        return Usable(SKTypeface.Default);
    }

    private static SKTypeface? Usable(SKTypeface? typeface)
    {
        if (typeface is null || typeface.GlyphCount == 0)
        {
            return null;
        }

        using var font = new SKFont(typeface);
        return font.ContainsGlyphs("0123456789abcdms") ? typeface : null;
    }
}
