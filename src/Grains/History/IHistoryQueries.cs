using SglangCi.Interfaces.History;

namespace SglangCi.Grains.History;

/// <summary>Series and trends over the night view of the results tables; implemented per SQL dialect by the Silo.</summary>
public interface IHistoryQueries
{
    Task<IReadOnlyList<TrendSeries>> SeriesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<TrendPoint>> TrendAsync(TrendQuery query, CancellationToken cancellationToken);

    /// <summary>Every GSM8K gate with trials of runs that have an image date (one hardware's, or all), in night order.</summary>
    Task<IReadOnlyList<AccuracyPoint>> AccuracyAsync(string? hardware, CancellationToken cancellationToken);
}
