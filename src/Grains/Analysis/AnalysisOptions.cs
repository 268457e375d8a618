using SglangCi.Toolkit.Analysis;

namespace SglangCi.Grains.Analysis;

/// <summary>The live analysis' settings (configuration section <c>SglangCi:Analysis</c>); the detector's thresholds are under <c>Detection</c>.</summary>
public sealed class AnalysisOptions
{
    public const string SectionName = "SglangCi:Analysis";

    // A fresh instance, never the shared default: the configuration binder fills the object it finds here.
    public DetectionSettings Detection { get; set; } = new();

    /// <summary>How often each hardware's series are swept for change points.</summary>
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A series with a night this many nights before tonight (and none tonight) is one the schedule still runs: its absence is missing data.</summary>
    public int MissingLookbackNights { get; set; } = 7;

    /// <summary>A missing-data alert whose series has had no night for this long is resolved as retired (the schedule dropped it).</summary>
    public int RetireAfterNights { get; set; } = 14;

    /// <summary>The dashboard's address as chat users reach it (e.g. <c>https://sglang-ci.example.com</c>): cards link to it and show its charts. Unset: no links, no charts.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>New regressions shown as charts in a night's card (each chart is a PNG fetched by the chat service).</summary>
    public int ChartsPerCard { get; set; } = 3;
}
