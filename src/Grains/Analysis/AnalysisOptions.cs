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

    /// <summary>Throws naming the setting (under <see cref="SectionName"/>) when a value makes no sense; returns this.</summary>
    public AnalysisOptions Validated()
    {
        Detection.Validated();
        if (SweepPeriod < TimeSpan.FromMinutes(1))
        {
            // Orleans refuses reminder periods under a minute; every night's analysis would fail on it.
            throw new ArgumentOutOfRangeException(nameof(SweepPeriod), SweepPeriod, $"{SectionName}:{nameof(SweepPeriod)} must be at least a minute");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MissingLookbackNights, 1, $"{SectionName}:{nameof(MissingLookbackNights)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(RetireAfterNights, MissingLookbackNights, $"{SectionName}:{nameof(RetireAfterNights)}");
        ArgumentOutOfRangeException.ThrowIfNegative(ChartsPerCard, $"{SectionName}:{nameof(ChartsPerCard)}");
        if (DashboardUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw new ArgumentException($"{SectionName}:{nameof(DashboardUrl)} must be an absolute http(s) address, not '{url}'", nameof(DashboardUrl));
        }

        return this;
    }
}
