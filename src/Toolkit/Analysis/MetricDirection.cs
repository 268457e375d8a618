namespace SglangCi.Toolkit.Analysis;

/// <summary>Which way a metric gets worse: latencies when they rise, throughput and accuracy when they fall.</summary>
public enum MetricDirection
{
    LowerIsBetter,
    HigherIsBetter,
}
