namespace SglangCi.Grains.Reports.Compare;

/// <summary>What the compare page sets side by side: two runs (by id) or two nights of one series (by image date).</summary>
public enum CompareKind
{
    /// <summary>Nothing asked yet: the page shows its pickers.</summary>
    None,

    Runs,

    Nights,
}
