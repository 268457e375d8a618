namespace SglangCi.Grains.Reports.Compare;

/// <summary>
/// Which way a metric gets better. The colour of a change depends on it: a latency that drops and a throughput that
/// rises are both good news, so the sign of the difference alone cannot pick the colour.
/// </summary>
public enum MetricDirection
{
    /// <summary>Latencies and failed requests: a drop is an improvement.</summary>
    LowerIsBetter,

    /// <summary>Throughput, completed requests, GSM8K accuracy: a rise is an improvement.</summary>
    HigherIsBetter,
}
