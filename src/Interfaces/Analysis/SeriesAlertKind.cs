namespace SglangCi.Interfaces.Analysis;

/// <summary>What a series alert is about.</summary>
[GenerateSerializer]
public enum SeriesAlertKind
{
    /// <summary>A confirmed regression of a benchmark metric (latency up or throughput down).</summary>
    Regression = 0,

    /// <summary>GSM8K accuracy fell max(3 σ, 1.5 points) under the series' baseline while still passing the gate.</summary>
    AccuracyRegression = 1,

    /// <summary>A series that had nights lately produced nothing on a night its hardware ran.</summary>
    MissingData = 2,
}
