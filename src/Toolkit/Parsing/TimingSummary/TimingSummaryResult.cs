namespace SglangCi.Toolkit.Parsing.TimingSummary;

/// <summary>What the seed CI's <c>timing_summary_*.log</c> files record (seed-inventory §2.6 benchmark, §2.7 sanity).</summary>
public sealed record TimingSummaryResult
{
    /// <summary>"benchmark" (online perf job) or "sanity" (sanity-check job).</summary>
    public required string Kind { get; init; }

    /// <summary>The gate's accuracy (<c>GSM8K accuracy:</c>, else <c>Average accuracy:</c> / <c>Accuracy: x (Required: t)</c>).</summary>
    public double? Gsm8kAccuracy { get; init; }

    public IReadOnlyList<TimingSummaryPoint> Points { get; init; } = [];

    public IReadOnlyList<TimingSummaryModel> Models { get; init; } = [];

    /// <summary>True when the file carries at least one measured value (not only the header of a job that died).</summary>
    public bool HasResult =>
        Gsm8kAccuracy is not null || Points.Any(p => p.E2eMs is not null || p.TtftMs is not null || p.ItlMs is not null)
        || Models.Any(m => m.TrialAccuracies.Count > 0);
}

/// <summary>One <c>Performance Summary</c> entry: <c>Request Rate 1:</c> or <c>Concurrency 128:</c> with its medians (N/A → null).</summary>
public sealed record TimingSummaryPoint(string Load, double? E2eMs, double? TtftMs, double? ItlMs, int Line);

/// <summary>One <c>=== MODEL on hw ===</c> section of a sanity timing summary.</summary>
public sealed record TimingSummaryModel(string Model, IReadOnlyList<double> TrialAccuracies, bool? Passed, double? HighestAccuracy, double? RequiredAccuracy, int Line);
