namespace SglangCi.Interfaces.History;

/// <summary>Reads benchmark series over image dates from the results tables (stateless worker; key 0).</summary>
public interface IHistoryQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Every series that has at least one night, ordered by hardware, model, mode, host, load.</summary>
    Task<IReadOnlyList<TrendSeries>> Series();

    /// <summary>The nights of the query's series, ordered by image date, host and load.</summary>
    Task<IReadOnlyList<TrendPoint>> Trend(TrendQuery query);

    /// <summary>Every GSM8K gate with trials (one hardware's, or all) of runs with an image date, in night order.</summary>
    Task<IReadOnlyList<AccuracyPoint>> Accuracy(string? hardware);
}
