using SglangCi.Interfaces.History;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// One night in the trends table: the point, the selected metric's value (null where that night's source has none),
/// and whether its image release (the tag without its date) differs from the previous night of the same line — where a
/// step in the line most likely comes from.
/// </summary>
public sealed record TrendRow(TrendPoint Point, double? Value, bool NewRelease)
{
    public string? Release => ImageTags.Release(Point.Image);

    public string RunLink => $"runs/{Uri.EscapeDataString(Point.RunId)}";
}
