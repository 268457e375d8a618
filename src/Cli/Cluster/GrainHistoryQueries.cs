using SglangCi.Grains.History;
using SglangCi.Interfaces.History;

namespace SglangCi.Cli.Cluster;

/// <summary>
/// Stored history read through the cluster's history query grain, so the replay that <c>analyze --db</c> runs over a file
/// runs the same over whatever database the cluster uses.
/// </summary>
public sealed class GrainHistoryQueries(IGrainFactory grains) : IHistoryQueries
{
    private IHistoryQueryGrain Queries => grains.GetGrain<IHistoryQueryGrain>(0);

    public Task<IReadOnlyList<TrendSeries>> SeriesAsync(CancellationToken cancellationToken) => Queries.Series().WaitAsync(cancellationToken);

    public Task<IReadOnlyList<TrendPoint>> TrendAsync(TrendQuery query, CancellationToken cancellationToken) => Queries.Trend(query).WaitAsync(cancellationToken);

    public Task<IReadOnlyList<AccuracyPoint>> AccuracyAsync(string? hardware, CancellationToken cancellationToken) =>
        Queries.Accuracy(hardware).WaitAsync(cancellationToken);
}
