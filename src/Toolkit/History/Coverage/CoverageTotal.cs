namespace SglangCi.Toolkit.History.Coverage;

/// <summary>The CSV's <c>Total</c> row: the headline AMD-vs-NVIDIA test counts of the day.</summary>
public sealed record CoverageTotal(int AmdTotal, int NvidiaTotal, double? CoveragePercent, SourceRef Source);
