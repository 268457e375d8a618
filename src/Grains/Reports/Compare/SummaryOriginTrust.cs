namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// The old CI's summaries, most trusted first: the CSV is computed from the client logs, the timing summary copies
/// their medians, the cron log only echoes whatever the job printed. Same order the trend view uses, so a run's
/// summary-only load point reads the same on the run page, the charts and in a comparison.
/// </summary>
public static class SummaryOriginTrust
{
    private static readonly string[] MostTrustedFirst = ["csv", "timing-summary", "cron-log"];

    /// <summary>0 for the most trusted origin; an unknown origin ranks after every known one.</summary>
    public static int Rank(string origin)
    {
        var index = Array.IndexOf(MostTrustedFirst, origin);
        return index < 0 ? MostTrustedFirst.Length : index;
    }
}
