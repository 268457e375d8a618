namespace SglangCi.Toolkit.Alerts;

/// <summary>What a card is about: decides its kind line (see <see cref="CardKindText"/>). Mirrors the grains' card kinds,
/// which the Toolkit cannot reference.</summary>
public enum CardKind
{
    Run = 0,
    BenchmarkNight = 1,
    SanityCheck = 2,
    DailySummary = 3,
    ImageAvailability = 4,
    UnitPdTest = 5,
    Coverage = 6,
    Housekeeping = 7,
}
