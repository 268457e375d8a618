namespace SglangCi.Toolkit.History.Sanity;

/// <summary>
/// One <c>timing_summary_YYYYMMDD_HHMMSS.log</c> of the sanity check: the header, every model section (retries
/// included), the skips and the <c>OVERALL SUMMARY</c> trailer, each with its line. A folder can hold several of
/// these (reruns, yesterday-image fallbacks); the importer keeps them all and lets the latest decide per model.
/// </summary>
/// <param name="Source">The file (line 0).</param>
/// <param name="StartedAt">The header's <c>Start time:</c>.</param>
/// <param name="Machine">The host (<c>Machine:</c>); null in files written before the line existed (early Oct).</param>
/// <param name="Platform">The hardware the header names (<c>Platform: mi30x</c>).</param>
/// <param name="DeclaredModels">The header's <c>Models:</c> list, in order.</param>
/// <param name="TrialsPerModel">The header's <c>Trials per model:</c>.</param>
/// <param name="Image">The image the run tested: the <c>Docker image:</c> line's tag, else the folder's tag.</param>
/// <param name="ImageFromFile">The image came from the file, not from the folder name (a fallback run can write into another date's folder).</param>
/// <param name="Attempts">The model sections, in file order.</param>
/// <param name="Skips">The skipped models, in file order.</param>
/// <param name="Trailer">The trailer's per-model lines; empty when the run was cut off before the trailer.</param>
/// <param name="EndedAt">The trailer's <c>End time:</c>.</param>
/// <param name="TotalExecutionS">The trailer's <c>Total execution time:</c>.</param>
/// <param name="ModelsTotal">The denominator of the trailer's counts (<c>Models tested: 7/7</c>).</param>
/// <param name="ModelsTested">The trailer's <c>Models tested:</c> count (absent in the earliest files).</param>
/// <param name="ModelsPassed">The trailer's <c>Models passed:</c> count.</param>
/// <param name="ModelsFailed">The trailer's <c>Models failed:</c> count.</param>
/// <param name="ModelsSkipped">The trailer's <c>Models skipped:</c> count.</param>
public sealed record SanitySummary(
    SourceRef Source,
    DateTimeOffset? StartedAt,
    string? Machine,
    string? Platform,
    IReadOnlyList<string> DeclaredModels,
    int? TrialsPerModel,
    ImageTag Image,
    bool ImageFromFile,
    IReadOnlyList<SanityAttempt> Attempts,
    IReadOnlyList<SanitySkip> Skips,
    IReadOnlyList<SanityTrailerLine> Trailer,
    DateTimeOffset? EndedAt,
    double? TotalExecutionS,
    int? ModelsTotal,
    int? ModelsTested,
    int? ModelsPassed,
    int? ModelsFailed,
    int? ModelsSkipped)
{
    /// <summary>The file reached <c>OVERALL SUMMARY</c>; a summary without it was cut off (crash, kill, or still running when uploaded).</summary>
    public bool Complete => Trailer.Count > 0 || ModelsTotal is not null || EndedAt is not null;

    /// <summary>
    /// The decided outcome per model, in order of first appearance (header list, then sections, skips, trailer). The
    /// rule, in order: the <c>Final result:</c> of the model's last section; else a failed server start of the last
    /// section with no retry after it is a failure; else the trailer's line; else a skip line. A model with none of
    /// these (its section was cut off mid-run) has no verdict.
    /// </summary>
    public IReadOnlyList<SanityVerdict> Verdicts()
    {
        var models = DeclaredModels
            .Concat(Attempts.Select(a => a.Model))
            .Concat(Skips.Select(s => s.Model))
            .Concat(Trailer.Select(t => t.Model))
            .Distinct(StringComparer.Ordinal);
        var verdicts = new List<SanityVerdict>();
        foreach (var model in models)
        {
            if (VerdictFor(model) is { } verdict)
            {
                verdicts.Add(verdict);
            }
        }

        return verdicts;
    }

    /// <summary>The decided outcome of one model (see <see cref="Verdicts"/>), or null when the file does not decide it.</summary>
    public SanityVerdict? VerdictFor(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var last = Attempts.LastOrDefault(a => a.Model == model);
        if (last is { FinalPassed: { } passed })
        {
            return new SanityVerdict(model, passed ? SanityOutcome.Pass : SanityOutcome.Fail, SanityVerdictBasis.FinalResult, last.FinalResultSource ?? last.Source);
        }

        if (last is { ServerStartupFailed: true, RetryFollows: false })
        {
            return new SanityVerdict(model, SanityOutcome.Fail, SanityVerdictBasis.StartupFailure, last.Source);
        }

        if (Trailer.LastOrDefault(t => t.Model == model) is { } line)
        {
            return new SanityVerdict(model, line.Outcome, SanityVerdictBasis.Trailer, line.Source);
        }

        if (Skips.LastOrDefault(s => s.Model == model) is { } skip)
        {
            return new SanityVerdict(model, SanityOutcome.Skipped, SanityVerdictBasis.Skip, skip.Source);
        }

        return null;
    }
}
