namespace SglangCi.Grains.Reports.Compare;

/// <summary>How one metric's change reads, already judged by its <see cref="MetricDirection"/> and the neutral band.</summary>
public enum ChangeVerdict
{
    /// <summary>One side has no value (a summary-only night has no throughput, a load point ran only once): nothing to judge.</summary>
    Missing,

    /// <summary>Within the neutral band: run-to-run noise, not worth a colour.</summary>
    Neutral,

    Better,

    Worse,
}
