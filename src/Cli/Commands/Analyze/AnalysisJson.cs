using SglangCi.Cli.Output;
using SglangCi.Grains.Analysis;
using SglangCi.Interfaces.Analysis;
using SglangCi.Toolkit.Analysis;

namespace SglangCi.Cli.Commands.Analyze;

/// <summary>The JSON contract of <c>analyze</c>: what was looked at, the range reported, alerts per week, and each flagged
/// night, the accuracy series' bad nights, and the alerts the live regression watch holds open (stored by the cluster;
/// empty for a database no cluster analysed). <c>confirmedRegressions</c> and <c>improvements</c> count changes (once, on the night they were first confirmed);
/// <c>candidateRegressions</c> counts nights. Everything is limited to <c>from</c>…<c>to</c> except <c>weekly</c> and
/// <c>weeks</c>, which cover the whole history (the rate the false-alert target is about).</summary>
public sealed record AnalysisJson(
    int Series,
    int SeriesNights,
    string? First,
    string? Last,
    string? From,
    string? To,
    int Weeks,
    int AlertMessages,
    int ConfirmedRegressions,
    int FalseAlerts,
    int CandidateRegressions,
    int Improvements,
    IReadOnlyList<WeekJson> Weekly,
    IReadOnlyList<FindingJson> Findings,
    IReadOnlyList<ChangePointJson> ChangePoints,
    IReadOnlyList<AccuracyFindingJson> Accuracy,
    IReadOnlyList<AlertJson> OpenAlerts)
{
    public static AnalysisJson Of(ReplayReport replay, DateOnly? from, DateOnly? to, IReadOnlyList<SeriesAlert>? openAlerts = null)
    {
        ArgumentNullException.ThrowIfNull(replay);
        bool InRange(DateOnly night) => (from is null || night >= from) && (to is null || night <= to);
        var findings = replay.Findings.Where(f => InRange(f.Night)).ToList();
        var regressions = findings.Where(f => f.OpensRegression).ToList();
        return new AnalysisJson(
            replay.Series,
            replay.SeriesNights,
            WireFormat.Date(replay.First),
            WireFormat.Date(replay.Last),
            WireFormat.Date(from),
            WireFormat.Date(to),
            replay.Weeks,
            replay.AlertMessages.Count(m => InRange(m.Night)),
            regressions.Count,
            regressions.Count(f => f.IsFalseAlert),
            findings.Count(f => f.Verdict == NightVerdict.CandidateRegression),
            findings.Count(f => f.Opens && f.Verdict == NightVerdict.ConfirmedImprovement),
            [.. replay.Weekly.Select(w => new WeekJson(w.Hardware, w.Week, w.Messages, w.FalseAlerts))],
            [.. findings.OrderBy(f => f.Night).ThenBy(f => f.Series.Hardware, StringComparer.Ordinal).Select(FindingJson.From)],
            [.. replay.ChangePoints.Where(c => InRange(c.Point.Night)).OrderBy(c => c.Point.Night).Select(ChangePointJson.From)],
            [.. replay.AccuracyFindings.Where(f => InRange(f.Night)).OrderBy(f => f.Night).ThenBy(f => f.Hardware, StringComparer.Ordinal).Select(AccuracyFindingJson.From)],
            [.. (openAlerts ?? []).Select(AlertJson.From)]);
    }
}

/// <summary>A change point of the sweep: the means of the two fortnights around it; <c>change</c> positive when worse.</summary>
public sealed record ChangePointJson(
    string Hardware, string Host, string Model, string Mode, double Load, string Metric, string Night, double Before, double After, double Change, double T, string? Image)
{
    public static ChangePointJson From(SeriesChangePoint c) => new(
        c.Series.Hardware, c.Series.Host, c.Series.Model, c.Series.Mode, c.Series.Load, c.Metric, WireFormat.Date(c.Point.Night)!,
        Math.Round(c.Point.Before, 3), Math.Round(c.Point.After, 3), Math.Round(c.Point.RelativeChange, 4),
        double.IsFinite(c.Point.T) ? Math.Round(c.Point.T, 2) : Math.Sign(c.Point.T) * 999, c.Image);
}

public sealed record WeekJson(string Hardware, string Week, int AlertMessages, int FalseAlerts);

/// <summary>One flagged night; <c>change</c> is relative and positive when worse.</summary>
public sealed record FindingJson(
    string Hardware,
    string Host,
    string Model,
    string Mode,
    string LoadKind,
    double Load,
    string Metric,
    string Night,
    string? Since,
    string Verdict,
    double Value,
    double Baseline,
    double Change,
    double? Spreads,
    string? Image,
    string? BaselineImage,
    bool Opens,
    bool? BorneOut)
{
    public static FindingJson From(SeriesFinding f) => new(
        f.Series.Hardware, f.Series.Host, f.Series.Model, f.Series.Mode, WireFormat.Lower(f.Series.LoadKind), f.Series.Load, f.Metric,
        WireFormat.Date(f.Night)!, WireFormat.Date(f.Since), VerdictName(f.Verdict), Math.Round(f.Value, 3), Math.Round(f.Baseline, 3),
        Math.Round(f.RelativeChange, 4), f.Spreads is { } s && double.IsFinite(s) ? Math.Round(s, 2) : null, f.Image, f.BaselineImage, f.Opens, f.BorneOut);

    /// <summary>kebab-case: <c>confirmed-regression</c>, <c>candidate-improvement</c> ….</summary>
    public static string VerdictName(NightVerdict verdict) => verdict switch
    {
        NightVerdict.CandidateRegression => "candidate-regression",
        NightVerdict.ConfirmedRegression => "confirmed-regression",
        NightVerdict.CandidateImprovement => "candidate-improvement",
        NightVerdict.ConfirmedImprovement => "confirmed-improvement",
        NightVerdict.InsufficientHistory => "insufficient-history",
        _ => WireFormat.Lower(verdict),
    };
}
