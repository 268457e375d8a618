using SglangCi.Grains.Runs.Kinds;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// The run page: the run's record plus its benchmark points averaged per load for the charts, and its offline cases.
/// An imported run may have only the medians of the old CI's summaries; the charts then plot those.
/// </summary>
public sealed record RunPageViewModel(RunDetails Details, IReadOnlyList<LoadSeriesPoint> Series)
{
    public RunSummary Run => Details.Run;

    public bool IsLive => !Run.Status.IsTerminal();

    /// <summary>The run's kind; null for an imported mode the old CI named its own way.</summary>
    public RunMode? Kind => Modes.KindOf(Run.Mode);

    public bool IsOffline => Kind == RunMode.Offline;

    /// <summary>
    /// Kinds whose result is their checks (sanity, unit test, PD, downloads …), not a benchmark: their page shows the
    /// GSM8K gate and the benchmark only when they recorded one, rather than an empty section that reads like a miss.
    /// </summary>
    public bool IsCheckKind => Kind is { } kind && kind is not (RunMode.Online or RunMode.Offline);

    public bool ShowsGate => !IsCheckKind || Details.Gsm8k is not null;

    public bool ShowsBenchmark => !IsOffline && (!IsCheckKind || Details.Points.Count > 0 || SummaryPoints.Count > 0);

    public IReadOnlyList<RunCheckResult> Checks => Details.Checks ?? [];

    /// <summary>A sanity check's spread over its GSM8K trials ("mean 0.912 ± 0.008 (sd) over 3 trials …"), kept by its mean check.</summary>
    public string? Spread => Kind == RunMode.Sanity
        ? Checks.FirstOrDefault(c => c.Name == SanityCheckKind.MeanCheck)?.Detail
        : null;

    public bool IsImported => Details.Provenance.IsImported;

    /// <summary>True when the charts plot summary medians (no client-log points): no p99, no throughput.</summary>
    public bool SeriesFromSummary => Details.Points.Count == 0 && Details.SummaryPoints.Count > 0;

    /// <summary>The load kind the charts' x axis is in.</summary>
    public LoadKind LoadKind => Details.Points.Count > 0 ? Details.Points[0].LoadKind
        : Details.SummaryPoints.Count > 0 ? Details.SummaryPoints[0].LoadKind : LoadKind.Concurrency;

    /// <summary>The offline (bench_one_batch) cases, by input length, output length, then batch size; empty for an online run.</summary>
    public IReadOnlyList<OfflineResult> Offline { get; } =
        (Details.Offline ?? []).OrderBy(r => r.InputLen).ThenBy(r => r.OutputLen).ThenBy(r => r.BatchSize).ToArray();

    /// <summary>The summary medians by load, most trusted origin first within a load.</summary>
    public IReadOnlyList<SummaryPoint> SummaryPoints { get; } = (Details.SummaryPoints ?? [])
        .OrderBy(p => p.Load).ThenBy(p => LoadSeriesPoint.TrustRank(p.Origin)).ThenBy(p => p.SourcePath, StringComparer.Ordinal).ThenBy(p => p.SourceLine)
        .ToArray();

    /// <summary>
    /// The trend of this run's series (its hardware, model, mode and host, at its first load), or null when the run has
    /// no night to be on a trend: no image date, or no numbers at all.
    /// </summary>
    public string? TrendLink => Run.ImageDate is null || IsOffline || Series.Count == 0
        ? null
        : new TrendSelection(Run.Hardware, Run.Model, Run.Mode, Run.Host, Series[0].Load, false, TrendMetric.E2e.Key).Href;

    public static async Task<RunPageViewModel?> LoadAsync(IGrainFactory grains, string runId)
    {
        // Finished runs are read from the results tables (the record of history); a run still in flight,
        // or one not written there yet, only its grain knows. Same rule as the CLI's lookup.
        var stored = await grains.GetGrain<IRunQueryGrain>(0).GetRun(runId);
        var details = await RunDetailsChoice.PreferAsync(stored, () => grains.GetGrain<IRunGrain>(runId).GetDetails());
        return details is null ? null : new RunPageViewModel(details, SeriesOf(details));
    }

    /// <summary>Client-log points when there are any, else the summary medians.</summary>
    public static IReadOnlyList<LoadSeriesPoint> SeriesOf(RunDetails details) => details.Points.Count > 0
        ? LoadSeriesPoint.FromPoints(details.Points)
        : LoadSeriesPoint.FromSummary(details.SummaryPoints ?? []);
}
