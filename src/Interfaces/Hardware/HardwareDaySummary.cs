namespace SglangCi.Interfaces.Hardware;

/// <summary>
/// One (day, hardware) of the run history: how many benchmark runs and how they ended, how many checks (sanity,
/// unit, PD, image) were recorded, and the image the day's latest run used. The day is the image date (else the
/// start date of a run without one), the same day the home page files a run under.
/// </summary>
/// <param name="Failed">Runs that failed or were skipped: a skipped night is a night without numbers.</param>
/// <param name="Running">Runs not finished yet; they count toward neither side of the pass rate.</param>
/// <param name="Checks">Sanity, unit-test, PD and image-check rows of that image date.</param>
[GenerateSerializer, Immutable]
public sealed record HardwareDaySummary(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] string Hardware,
    [property: Id(2)] int Runs,
    [property: Id(3)] int Passed,
    [property: Id(4)] int Failed,
    [property: Id(5)] int Running,
    [property: Id(6)] int Checks,
    [property: Id(7)] string? NewestImage)
{
    /// <summary>See <see cref="PassRates.Of"/>: the one pass-rate definition of the dashboard.</summary>
    public double? PassRate => PassRates.Of(Passed, Passed + Failed);
}
