namespace SglangCi.Grains.Analysis;

/// <summary>
/// What one hardware's night showed, as the alert lifecycle needs it: the detector's findings of that night (benchmark and
/// accuracy), each series' value that night (by series key: a benchmark metric's value, or accuracy's trial mean), the
/// (model, mode) groups that produced anything on any host, those that went missing, and when each group last had a night.
/// </summary>
public sealed record NightEvidence(
    string Hardware,
    DateOnly Night,
    IReadOnlyList<SeriesFinding> Findings,
    IReadOnlyList<AccuracyFinding> AccuracyFindings,
    IReadOnlyDictionary<string, double> Values,
    IReadOnlySet<(string Model, string Mode)> Produced,
    IReadOnlyList<MissingSeries> Missing,
    IReadOnlyDictionary<(string Model, string Mode), DateOnly> LastNights)
{
    public IEnumerable<SeriesFinding> Improvements => Findings.Where(f => f.Opens && f.Verdict == Toolkit.Analysis.NightVerdict.ConfirmedImprovement);

    public int CandidateRegressions => Findings.Count(f => f.Verdict == Toolkit.Analysis.NightVerdict.CandidateRegression);
}
