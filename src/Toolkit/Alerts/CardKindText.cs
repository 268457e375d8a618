namespace SglangCi.Toolkit.Alerts;

/// <summary>How a <see cref="CardKind"/> is written: the line people read on a card, and the name machines read in JSON.</summary>
public static class CardKindText
{
    public static string Label(this CardKind kind) => kind switch
    {
        CardKind.BenchmarkNight => "Benchmark night",
        CardKind.SanityCheck => "Sanity check",
        CardKind.DailySummary => "Daily summary",
        CardKind.ImageAvailability => "Image availability",
        CardKind.UnitPdTest => "Unit / PD test",
        CardKind.Coverage => "Coverage",
        CardKind.Housekeeping => "Housekeeping",
        _ => "Run",
    };

    public static string WireName(this CardKind kind) => kind switch
    {
        CardKind.BenchmarkNight => "benchmark-night",
        CardKind.SanityCheck => "sanity-check",
        CardKind.DailySummary => "daily-summary",
        CardKind.ImageAvailability => "image-availability",
        CardKind.UnitPdTest => "unit-pd-test",
        CardKind.Coverage => "coverage",
        CardKind.Housekeeping => "housekeeping",
        _ => "run",
    };

    public static string WireName(this CardSeverity severity) => severity switch
    {
        CardSeverity.Error => "error",
        CardSeverity.Warning => "warning",
        _ => "info",
    };
}
