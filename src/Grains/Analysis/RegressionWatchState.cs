using SglangCi.Interfaces.Alerts;

namespace SglangCi.Grains.Analysis;

/// <summary>
/// A hardware's regression watch: the nights it analysed (with the card each sent, so analysing a night again returns
/// the same card instead of a new one) and when it last swept for change points. The alerts themselves live in the
/// analysis tables, where the dashboard and the CLI read them.
/// </summary>
[GenerateSerializer, Alias("sglci.regression-watch-state")]
public sealed class RegressionWatchState
{
    /// <summary>Nights analysed, oldest first; bounded to the last few weeks.</summary>
    [Id(0)]
    public List<AnalysedNight> Nights { get; set; } = [];

    [Id(1)]
    public DateTimeOffset? LastSweep { get; set; }
}

/// <summary>A night the watch analysed and the card it produced (null: nothing to say, or suppressed).</summary>
[GenerateSerializer, Immutable, Alias("sglci.analysed-night")]
public sealed record AnalysedNight(
    [property: Id(0)] DateOnly Night,
    [property: Id(1)] DateTimeOffset AnalysedAt,
    [property: Id(2)] AlertMessage? Card,
    [property: Id(3)] string? Suppressed);
