using Orleans.Concurrency;
using SglangCi.Interfaces.History;

namespace SglangCi.Grains.History;

/// <summary>Trend reads; a stateless worker, so the dashboard's charts never queue behind each other.</summary>
[StatelessWorker]
public sealed class HistoryQueryGrain(IHistoryQueries queries) : Grain, IHistoryQueryGrain
{
    public Task<IReadOnlyList<TrendSeries>> Series() => queries.SeriesAsync(CancellationToken.None);

    public Task<IReadOnlyList<TrendPoint>> Trend(TrendQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return queries.TrendAsync(query, CancellationToken.None);
    }

    public Task<IReadOnlyList<AccuracyPoint>> Accuracy(string? hardware) => queries.AccuracyAsync(hardware, CancellationToken.None);
}
