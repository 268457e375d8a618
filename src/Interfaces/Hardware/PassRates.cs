namespace SglangCi.Interfaces.Hardware;

/// <summary>
/// The dashboard's one pass-rate definition. The old dashboard had three (passed ÷ (passed + failed), passed ÷
/// (total − not run), passed ÷ total), so its pages disagreed about the same night; every card, chart and table here
/// uses this one.
/// </summary>
public static class PassRates
{
    /// <summary>What the rate means, for tooltips.</summary>
    public const string Definition =
        "Pass rate = runs that succeeded ÷ runs that finished. Failed and skipped runs count against it; runs still queued or running are left out.";

    /// <summary>Succeeded over finished; null when nothing finished (no rate rather than 0 %).</summary>
    public static double? Of(int succeeded, int finished) => finished <= 0 ? null : (double)succeeded / finished;
}
