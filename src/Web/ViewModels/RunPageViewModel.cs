using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels;

/// <summary>The run page: the run's record plus its benchmark points averaged per load for the charts, and its offline cases.</summary>
public sealed record RunPageViewModel(RunDetails Details, IReadOnlyList<LoadSeriesPoint> Series)
{
    public RunSummary Run => Details.Run;

    public bool IsLive => !Run.Status.IsTerminal();

    public bool IsOffline => string.Equals(Run.Mode, nameof(RunMode.Offline), StringComparison.OrdinalIgnoreCase);

    /// <summary>The offline (bench_one_batch) cases, by input length, output length, then batch size; empty for an online run.</summary>
    public IReadOnlyList<OfflineResult> Offline { get; } =
        (Details.Offline ?? []).OrderBy(r => r.InputLen).ThenBy(r => r.OutputLen).ThenBy(r => r.BatchSize).ToArray();

    public static async Task<RunPageViewModel?> LoadAsync(IGrainFactory grains, string runId)
    {
        // Finished runs are read from the results tables (the record of history); a run still in flight,
        // or one not written there yet, only its grain knows. Same rule as the CLI's lookup.
        var stored = await grains.GetGrain<IRunQueryGrain>(0).GetRun(runId);
        var details = await RunDetailsChoice.PreferAsync(stored, () => grains.GetGrain<IRunGrain>(runId).GetDetails());
        return details is null ? null : new RunPageViewModel(details, LoadSeriesPoint.FromPoints(details.Points));
    }
}
