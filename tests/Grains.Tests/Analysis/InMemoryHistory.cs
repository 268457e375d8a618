using SglangCi.Grains.History;
using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Tests.Analysis;

/// <summary>Stored history in memory: benchmark nights and GSM8K gates of one hardware, added night by night.</summary>
internal sealed class InMemoryHistory(string hardware) : IHistoryQueries
{
    private readonly List<(string Model, string Mode, TrendPoint Point)> _points = [];
    private readonly List<AccuracyPoint> _accuracy = [];

    /// <summary>One night of a series at concurrency 16: E2E median <paramref name="e2e"/> ms, the other metrics in proportion.</summary>
    public void Night(DateOnly night, double e2e, string model = "grok", string mode = "online", string host = "h1") =>
        _points.Add((model, mode, new TrendPoint(
            host, night, $"img-{night:yyyyMMdd}", LoadKind.Concurrency, 16, "client-log", $"run-{model}-{mode}-{host}-{night:yyyyMMdd}",
            e2e, e2e / 10, e2e / 100, e2e / 100, 1_000_000 / e2e, e2e * 1.5)));

    public void Gate(DateOnly night, double threshold, string model = "grok", string mode = "online", string host = "h1", params double[] trials) =>
        _accuracy.Add(new AccuracyPoint(hardware, host, model, mode, night, $"img-{night:yyyyMMdd}", $"gate-{model}-{night:yyyyMMdd}", threshold, trials));

    public Task<IReadOnlyList<TrendSeries>> SeriesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TrendSeries>>([.. _points
            .GroupBy(p => (p.Model, p.Mode, p.Point.Host, p.Point.LoadKind, p.Point.Load))
            .Select(g => new TrendSeries(hardware, g.Key.Host, g.Key.Model, g.Key.Mode, g.Key.LoadKind, g.Key.Load, g.Count(),
                g.Min(p => p.Point.ImageDate), g.Max(p => p.Point.ImageDate)))]);

    public Task<IReadOnlyList<TrendPoint>> TrendAsync(TrendQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TrendPoint>>([.. _points
            .Where(p => query.Hardware == hardware && p.Model == query.Model && p.Mode == query.Mode)
            .Where(p => (query.Host is null || p.Point.Host == query.Host) && (query.From is null || p.Point.ImageDate >= query.From) && (query.To is null || p.Point.ImageDate <= query.To))
            .Select(p => p.Point)
            .OrderBy(p => p.ImageDate)]);

    public Task<IReadOnlyList<AccuracyPoint>> AccuracyAsync(string? hardwareFilter, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccuracyPoint>>([.. _accuracy.Where(p => hardwareFilter is null || p.Hardware == hardwareFilter).OrderBy(p => p.ImageDate)]);
}
