using SglangCi.Interfaces.Analysis;

namespace SglangCi.Silo.RunKinds.DailySummary;

/// <summary>Analyses a hardware's night for regressions once the night is summarised (the cluster's regression watch).</summary>
public interface INightAnalyzer
{
    Task<NightAnalysis> AnalyzeAsync(string hardware, DateOnly night, bool staleImage, CancellationToken cancellationToken);
}
