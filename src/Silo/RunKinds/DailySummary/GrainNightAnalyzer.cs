using SglangCi.Interfaces.Analysis;

namespace SglangCi.Silo.RunKinds.DailySummary;

/// <summary>The hardware's <see cref="IRegressionWatchGrain"/> (hardware names are lower-case keys, as schedules write them).</summary>
public sealed class GrainNightAnalyzer(IGrainFactory grains) : INightAnalyzer
{
    public Task<NightAnalysis> AnalyzeAsync(string hardware, DateOnly night, bool staleImage, CancellationToken cancellationToken) =>
        grains.GetGrain<IRegressionWatchGrain>(hardware.ToLowerInvariant()).AnalyzeNight(night, staleImage).WaitAsync(cancellationToken);
}
