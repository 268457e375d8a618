using System.Globalization;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// One line of the two sides' headers in a report — what it is, side A's text and side B's — so every format lists
/// the same facts in the same order: run, model, mode, hardware, node and host, image, image date, start, sources.
/// </summary>
public sealed record SideFact(string Label, string A, string B)
{
    public static IReadOnlyList<SideFact> Of(CompareSide a, CompareSide b) =>
    [
        new(a.Run is null ? "night" : "run", a.Title, b.Title),
        new("model", a.Model, b.Model),
        new("mode", ReportText.Mode(a.Mode), ReportText.Mode(b.Mode)),
        new("hardware", a.Hardware, b.Hardware),
        new("node / host", NodeAndHost(a), NodeAndHost(b)),
        new("image", a.Image ?? ReportText.None, b.Image ?? ReportText.None),
        new("image date", ReportText.Date(a.ImageDate), ReportText.Date(b.ImageDate)),
        new("started", Started(a), Started(b)),
        new("numbers from", Sources(a), Sources(b)),
    ];

    private static string NodeAndHost(CompareSide side) =>
        side.Run is { } run && !string.Equals(run.Node, side.Host, StringComparison.Ordinal) ? $"{run.Node} / {side.Host}" : side.Host;

    private static string Started(CompareSide side) => side.Run?.StartedAt is { } at
        ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z"
        : ReportText.None;

    /// <summary>The runs behind a night, or the origins of a run's numbers; and whether B was picked automatically.</summary>
    private static string Sources(CompareSide side)
    {
        var origins = side.Origins.Count == 0 ? ReportText.None : string.Join(", ", side.Origins);
        var text = side.Run is null ? $"{string.Join(", ", side.RunIds)} ({origins})" : origins;
        return side.AutoChosen ? text + " — previous night, chosen automatically" : text;
    }
}
