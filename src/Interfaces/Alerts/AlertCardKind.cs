namespace SglangCi.Interfaces.Alerts;

/// <summary>The kinds of card a channel sends; each has its own title line and accent.</summary>
[GenerateSerializer]
public enum AlertCardKind
{
    /// <summary>A run that failed or was skipped (any kind without a card of its own).</summary>
    Run = 0,

    /// <summary>A hardware's benchmark night: confirmed regressions, improvements, missing series.</summary>
    BenchmarkNight = 1,

    /// <summary>A GSM8K sanity check's result.</summary>
    SanityCheck = 2,

    /// <summary>The per-hardware summary of a night's tasks.</summary>
    DailySummary = 3,

    /// <summary>Whether tonight's images exist in the registry.</summary>
    ImageAvailability = 4,

    /// <summary>A unit-test or prefill/decode-disaggregation test run.</summary>
    UnitPdTest = 5,

    /// <summary>AMD-vs-NVIDIA upstream CI coverage.</summary>
    Coverage = 6,

    /// <summary>Disk space and clean-up on a node.</summary>
    Housekeeping = 7,
}
