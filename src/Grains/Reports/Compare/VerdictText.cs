namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// How a <see cref="ChangeVerdict"/> reads in a text report, where there is no cell colour to carry it: a coloured
/// marker (Markdown renders it in any viewer, and a terminal shows it) and the word a reader would use.
/// </summary>
public static class VerdictText
{
    public static string Marker(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.Worse => "🔴",
        ChangeVerdict.Better => "🟢",
        ChangeVerdict.Neutral => "⚪",
        _ => ReportText.None,
    };

    public static string Word(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.Worse => "worse",
        ChangeVerdict.Better => "better",
        ChangeVerdict.Neutral => "within noise",
        _ => "not recorded",
    };

    /// <summary>The verdict as a JSON value: <c>better</c>, <c>worse</c>, <c>neutral</c> or <c>missing</c>.</summary>
    public static string Key(ChangeVerdict verdict) => verdict.ToString().ToLowerInvariant();
}
