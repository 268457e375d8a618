using System.Text.Json;
using System.Text.Json.Serialization;
using SglangCi.Grains.Analysis;
using SglangCi.Grains.Storage;
using SglangCi.Interfaces.Analysis;
using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Storage.Analysis;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Postgres;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>
/// The same real history on SQLite and on PostgreSQL gives the same answers to every question the dashboard, the
/// analysis and the run list ask: series, trends, accuracy, the hardware days and nights, runs and run days, whole
/// runs, a replay of the detector over every night, and the analysis store's alerts and change points. Answers are
/// compared as JSON, so a list inside a record is compared by its contents, down to the last bit of every double.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class SeedHistoryParityTests(SeedHistoryParityFixture seed) : IClassFixture<SeedHistoryParityFixture>
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, Converters = { new JsonStringEnumConverter() } };

    [PostgresFact]
    public async Task Series_trends_and_accuracy_are_the_same()
    {
        await using var sqlite = new RelationalHistoryQueries(seed.Sqlite);
        await using var postgres = new RelationalHistoryQueries(seed.Postgres);

        var series = await SameAsync(h => h.SeriesAsync(CancellationToken.None), sqlite, postgres);
        Assert.True(series.Count >= 80, $"{series.Count} series");
        foreach (var s in series.Where((_, i) => i % 9 == 0))
        {
            Assert.NotEmpty(await SameAsync(h => h.TrendAsync(new TrendQuery(s.Hardware, s.Model, s.Mode), CancellationToken.None), sqlite, postgres));
            await SameAsync(h => h.TrendAsync(new TrendQuery(s.Hardware, s.Model, s.Mode, s.Host, s.First.AddDays(7), s.Last.AddDays(-7)), CancellationToken.None), sqlite, postgres);
        }

        Assert.NotEmpty(await SameAsync(h => h.AccuracyAsync(null, CancellationToken.None), sqlite, postgres));
        Assert.NotEmpty(await SameAsync(h => h.AccuracyAsync("MI30X", CancellationToken.None), sqlite, postgres));
    }

    [PostgresFact]
    public async Task Hardware_days_and_nights_are_the_same()
    {
        await using var sqlite = new RelationalHardwareQueries(seed.Sqlite);
        await using var postgres = new RelationalHardwareQueries(seed.Postgres);

        var days = await SameAsync(h => h.DaysAsync(null, null, null, CancellationToken.None), sqlite, postgres);
        Assert.True(days.Count >= 100, $"{days.Count} days");
        Assert.NotEmpty(await SameAsync(h => h.DaysAsync("mi30x", new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 30), CancellationToken.None), sqlite, postgres));
        foreach (var day in days.Where((_, i) => i % 23 == 0).Append(days.First(d => d.Hardware == "mi30x" && d.Day == new DateOnly(2025, 12, 6))))
        {
            var night = await SameAsync(h => h.NightAsync(day.Hardware, day.Day, CancellationToken.None), sqlite, postgres);
            Assert.NotEmpty(night.Rows);
        }
    }

    [PostgresFact]
    public async Task Runs_run_days_and_whole_runs_are_the_same()
    {
        IResultsStore sqlite = new SqliteResultsStore(new SqliteStorageInitializer(seed.SqliteConnectionString));
        IResultsStore postgres = new PostgresResultsStore(new PostgresResultsDatabase(new PostgresStorageInitializer(seed.PostgresConnectionString)));

        var runs = await SameAsync(s => s.QueryRunsAsync(new RunQuery(null, null, null, null, null, Limit: 100_000), CancellationToken.None), sqlite, postgres);
        Assert.True(runs.Count >= 900, $"{runs.Count} runs");
        await SameAsync(s => s.QueryRunsAsync(new RunQuery(new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 15), "mi35x", null, null, Limit: 50), CancellationToken.None), sqlite, postgres);
        await SameAsync(s => s.QueryRunsAsync(new RunQuery(null, new DateOnly(2025, 10, 20), null, runs[0].Node, null) { JobKey = null }, CancellationToken.None), sqlite, postgres);
        Assert.NotEmpty(await SameAsync(s => s.QueryRunDaysAsync(null, null, CancellationToken.None), sqlite, postgres));
        await SameAsync(s => s.QueryRunDaysAsync(new DateOnly(2025, 10, 15), new DateOnly(2025, 11, 15), CancellationToken.None), sqlite, postgres);
        foreach (var run in runs.Where((_, i) => i % 97 == 0))
        {
            Assert.NotNull(await SameAsync(s => s.GetRunAsync(run.Id, CancellationToken.None), sqlite, postgres));
        }
    }

    [PostgresFact]
    public async Task A_replay_of_the_detector_over_every_night_is_the_same()
    {
        await using var sqlite = new RelationalHistoryQueries(seed.Sqlite);
        await using var postgres = new RelationalHistoryQueries(seed.Postgres);

        var replay = await SameAsync(h => HistoryReplay.RunAsync(h, hardware: null, settings: null, CancellationToken.None), sqlite, postgres);

        Assert.NotEmpty(replay.Regressions);
    }

    [PostgresFact]
    public async Task The_analysis_store_keeps_and_answers_the_same()
    {
        await using var history = new RelationalHistoryQueries(seed.Sqlite);
        var series = (await history.SeriesAsync(CancellationToken.None)).Take(12).ToList();
        var foundAt = new DateTimeOffset(2025, 12, 10, 3, 4, 5, TimeSpan.Zero);
        var alerts = series.Select((s, i) => new SeriesAlert(
            $"alert-{i}", SeriesAlertKind.Regression, (SeriesAlertStatus)(i % 3), s.Hardware, s.Host, s.Model, s.Mode, s.LoadKind, s.Load,
            "e2e-median-ms", s.Last, i % 2 == 0 ? s.Last.AddDays(-1) : null, s.Last, 100 + i, 120.5 + i, 0.205, "image-b", i % 2 == 0 ? "image-a" : null,
            i % 3 == 1 ? "operator" : null, i % 3 == 1 ? foundAt : null, null, i % 3 == 2 ? s.Last.AddDays(1) : null, i % 3 == 2 ? foundAt : null,
            i % 3 == 2 ? "recovered" : null)).ToList();
        var points = series.Select((s, i) => new RecordedChangePoint(
            s.Hardware, s.Host, s.Model, s.Mode, s.LoadKind, s.Load, "ttft-median-ms", s.First.AddDays(i), 300, 1950.25, 5.5, i == 0 ? double.PositiveInfinity : 7.25, null, foundAt)).ToList();
        var sqlite = new RelationalAnalysisStore(seed.Sqlite);
        var postgres = new RelationalAnalysisStore(seed.Postgres);

        foreach (var store in new[] { sqlite, postgres })
        {
            await store.SaveAlertsAsync(alerts, CancellationToken.None);
            Assert.Equal(points.Count, await store.SaveChangePointsAsync(points, CancellationToken.None));
            Assert.Equal(0, await store.SaveChangePointsAsync(points, CancellationToken.None));
        }

        Assert.Equal(12, (await SameAsync(s => s.QueryAlertsAsync(null, includeResolved: true, CancellationToken.None), sqlite, postgres)).Count);
        Assert.Equal(8, (await SameAsync(s => s.QueryAlertsAsync(null, includeResolved: false, CancellationToken.None), sqlite, postgres)).Count);
        await SameAsync(s => s.QueryAlertsAsync(series[0].Hardware, includeResolved: false, CancellationToken.None), sqlite, postgres);
        await SameAsync(s => s.GetAlertAsync("alert-4", CancellationToken.None), sqlite, postgres);
        Assert.Equal(12, (await SameAsync(s => s.QueryChangePointsAsync(null, null, CancellationToken.None), sqlite, postgres)).Count);
        await SameAsync(s => s.QueryChangePointsAsync(series[0].Hardware, series[0].First.AddDays(3), CancellationToken.None), sqlite, postgres);
    }

    /// <summary>Asks both engines; asserts the answers serialize alike and returns SQLite's.</summary>
    private static async Task<T> SameAsync<TSource, T>(Func<TSource, Task<T>> ask, TSource sqlite, TSource postgres)
    {
        var expected = await ask(sqlite);
        var actual = await ask(postgres);
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(actual, Json));
        return expected;
    }
}
