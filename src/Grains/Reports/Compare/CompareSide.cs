using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// What one side of a comparison is, for its header card: a run (with its status and page) or a night of a series
/// (with the runs its numbers came from). Both read the same way so the two cards line up whichever kind they are.
/// </summary>
/// <param name="Run">The run, when this side is one run.</param>
/// <param name="RunIds">The runs behind the numbers: the run itself, or every run a night's load points came from.</param>
/// <param name="Origins">Where the numbers came from (client-log, csv, …), most trusted first.</param>
/// <param name="AutoChosen">True when the page picked this side itself: the previous night of the other side's series.</param>
public sealed record CompareSide(
    string Hardware,
    string Host,
    string Model,
    string Mode,
    string? Image,
    DateOnly? ImageDate,
    RunSummary? Run,
    IReadOnlyList<string> RunIds,
    IReadOnlyList<string> Origins,
    bool AutoChosen)
{
    /// <summary>The card's title: the run id, or the night's date.</summary>
    public string Title => Run?.Id ?? ReportText.Date(ImageDate);

    public static CompareSide OfRun(RunDetails details, IReadOnlyList<ComparedPoint> points, bool autoChosen)
    {
        var run = details.Run;
        return new CompareSide(run.Hardware, run.Host, run.Model, run.Mode, run.Image, run.ImageDate, run, [run.Id],
            OriginsOf(points), autoChosen);
    }

    public static CompareSide OfNight(string hardware, string host, string model, string mode, DateOnly date,
        IReadOnlyList<Interfaces.History.TrendPoint> night, IReadOnlyList<ComparedPoint> points, bool autoChosen) =>
        new(hardware, host, model, mode, night.Select(p => p.Image).FirstOrDefault(i => i is not null), date, null,
            night.Select(p => p.RunId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), OriginsOf(points), autoChosen);

    private static IReadOnlyList<string> OriginsOf(IReadOnlyList<ComparedPoint> points) => points
        .Select(p => p.Origin)
        .Distinct(StringComparer.Ordinal)
        .OrderBy(o => o == ComparedPoint.ClientLog ? -1 : SummaryOriginTrust.Rank(o))
        .ToList();
}
