using System.Data.Common;
using System.Globalization;
using SglangCi.Grains.Hardware;
using SglangCi.Interfaces.Hardware;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Storage.Results;

namespace SglangCi.Silo.Storage.History;

/// <summary>
/// A hardware kind's night and the per-day counts, read with plain SQL over the results tables (<c>runs</c> with
/// <c>gsm8k_gates</c>, <c>sanity_results</c>, <c>unit_tests</c>, <c>pd_tests</c>, <c>image_checks</c>). Dates travel
/// through the results dialect; <see cref="PortableResultsDialect"/> gives the rules that keep the SQL portable. A run's
/// day is <see cref="PortableResultsDialect.RunDay"/>, exactly as the run list files it, so a card's counts and the list under it never disagree; the
/// test tables always have an image date. Answers are remembered until the results tables change
/// (<see cref="ResultsReadCache"/>): the day counts aggregate every run there is.
/// </summary>
public sealed class RelationalHardwareQueries(IResultsDatabase database) : IHardwareQueries, IAsyncDisposable
{
    private readonly ResultsReadCache _cache = new(database);

    private static readonly string RunDay = PortableResultsDialect.RunDay("r");

    private static readonly string Succeeded = ResultsWireNames.Of(RunStatus.Succeeded);
    private static readonly string Failed = ResultsWireNames.Of(RunStatus.Failed);
    private static readonly string Skipped = ResultsWireNames.Of(RunStatus.Skipped);
    private static readonly string Queued = ResultsWireNames.Of(RunStatus.Queued);
    private static readonly string Running = ResultsWireNames.Of(RunStatus.Running);

    private static readonly string DaysSql = $"""
        WITH run_days AS (
            SELECT {RunDay} AS day, r.hardware,
                   COUNT(*) AS runs,
                   SUM(CASE WHEN r.status = '{Succeeded}' THEN 1 ELSE 0 END) AS passed,
                   SUM(CASE WHEN r.status IN ('{Failed}', '{Skipped}') THEN 1 ELSE 0 END) AS failed,
                   SUM(CASE WHEN r.status IN ('{Queued}', '{Running}') THEN 1 ELSE 0 END) AS running
            FROM runs r
            WHERE {RunDay} IS NOT NULL
            GROUP BY {RunDay}, r.hardware),
        check_days AS (
            SELECT c.image_date AS day, c.hardware, COUNT(*) AS checks
            FROM (SELECT image_date, hardware FROM sanity_results
                  UNION ALL SELECT image_date, hardware FROM unit_tests
                  UNION ALL SELECT image_date, hardware FROM pd_tests WHERE image_date IS NOT NULL
                  UNION ALL SELECT image_date, hardware FROM image_checks) c
            GROUP BY c.image_date, c.hardware),
        day_keys AS (
            SELECT day, hardware FROM run_days
            UNION
            SELECT day, hardware FROM check_days)
        SELECT k.day, k.hardware,
               COALESCE(rd.runs, 0), COALESCE(rd.passed, 0), COALESCE(rd.failed, 0), COALESCE(rd.running, 0),
               COALESCE(cd.checks, 0),
               COALESCE(
                   (SELECT r.image FROM runs r
                    WHERE r.hardware = k.hardware AND {RunDay} = k.day AND r.image IS NOT NULL
                    ORDER BY r.started_at DESC NULLS LAST, r.id DESC LIMIT 1),
                   (SELECT i.image FROM image_checks i
                    WHERE i.hardware = k.hardware AND i.image_date = k.day AND i.image IS NOT NULL
                    ORDER BY i.checked_at DESC LIMIT 1)) AS image
        FROM day_keys k
        LEFT JOIN run_days rd ON rd.day = k.day AND rd.hardware = k.hardware
        LEFT JOIN check_days cd ON cd.day = k.day AND cd.hardware = k.hardware
        WHERE (CAST(@hardware AS TEXT) IS NULL OR k.hardware = @hardware)
          AND (CAST(@from AS TEXT) IS NULL OR k.day >= @from)
          AND (CAST(@to AS TEXT) IS NULL OR k.day <= @to)
        ORDER BY k.day DESC, k.hardware;
        """;

    private static readonly string RunsSql = $"""
        SELECT r.id, r.model, r.mode, r.host, r.status, r.reason, r.image, r.started_at, r.finished_at,
               g.accuracy, g.threshold, r.source_path
        FROM runs r
        LEFT JOIN gsm8k_gates g ON g.run_id = r.id
        WHERE r.hardware = @hardware AND {RunDay} = @day
        ORDER BY r.model, r.mode, r.host, r.started_at NULLS FIRST, r.id;
        """;

    private const string SanitySql = """
        SELECT model, host, outcome, basis, accuracy, required_accuracy, image, decided_at, source_path
        FROM sanity_results
        WHERE hardware = @hardware AND image_date = @day
        ORDER BY model, host;
        """;

    private const string UnitSql = """
        SELECT host, test, result, exit_code, tests_ran, duration_s, image, started_at, source_path
        FROM unit_tests
        WHERE hardware = @hardware AND image_date = @day
        ORDER BY host NULLS FIRST, started_at NULLS FIRST;
        """;

    private const string PdSql = """
        SELECT host, model, setup_failed, tests_passed, gsm8k_accuracy, passed, total_s, image, source_path
        FROM pd_tests
        WHERE hardware = @hardware AND image_date = @day
        ORDER BY host NULLS FIRST, label;
        """;

    private const string ImageCheckSql = """
        SELECT host, status, image, checked_at, source_path
        FROM image_checks
        WHERE hardware = @hardware AND image_date = @day
        ORDER BY checked_at, host;
        """;

    public Task<IReadOnlyList<HardwareDaySummary>> DaysAsync(string? hardware, DateOnly? from, DateOnly? to, CancellationToken cancellationToken) =>
        _cache.GetOrLoadAsync(string.Create(CultureInfo.InvariantCulture, $"days\n{hardware}\n{from}\n{to}"), ct => ReadDaysAsync(hardware, from, to, ct), cancellationToken);

    public Task<HardwareNight> NightAsync(string hardware, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hardware);
        return _cache.GetOrLoadAsync(string.Create(CultureInfo.InvariantCulture, $"night\n{hardware}\n{day}"), ct => ReadNightAsync(hardware, day, ct), cancellationToken);
    }

    public ValueTask DisposeAsync() => _cache.DisposeAsync();

    private async Task<IReadOnlyList<HardwareDaySummary>> ReadDaysAsync(string? hardware, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        await using var connection = await database.OpenAsync(cancellationToken);
        var command = ResultsCommands.Create(connection, null, DaysSql)
            .With("@hardware", hardware)
            .With("@from", from is { } f ? dialect.Date(f) : null)
            .With("@to", to is { } t ? dialect.Date(t) : null);
        return await ResultsCommands.ReadAllAsync(command, r => new HardwareDaySummary(
            dialect.ReadDate(r, 0), r.GetString(1), Int(r, 2), Int(r, 3), Int(r, 4), Int(r, 5), Int(r, 6), Text(r, 7)), cancellationToken);
    }

    private async Task<HardwareNight> ReadNightAsync(string hardware, DateOnly day, CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        await using var connection = await database.OpenAsync(cancellationToken);
        DbCommand Command(string sql) => ResultsCommands.Create(connection, null, sql).With("@hardware", hardware).With("@day", dialect.Date(day));

        var runs = await ResultsCommands.ReadAllAsync(Command(RunsSql), r =>
        {
            var mode = r.GetString(2);
            var started = Timestamp(dialect, r, 7);
            var finished = Timestamp(dialect, r, 8);
            var status = ResultsWireNames.ParseRunStatus(r.GetString(4));
            return new HardwareTaskRow(
                GroupOf(mode),
                r.GetString(1), mode, r.GetString(3), status, ResultsWireNames.Of(status), Text(r, 5), r.GetString(0), Text(r, 6),
                started, started is { } s && finished is { } e ? (e - s).TotalSeconds : null, Real(r, 9), Real(r, 10), Text(r, 11));
        }, cancellationToken);

        var sanity = await ResultsCommands.ReadAllAsync(Command(SanitySql), r =>
        {
            var outcome = r.GetString(2);
            var status = outcome switch { "pass" => RunStatus.Succeeded, "skipped" => RunStatus.Skipped, _ => RunStatus.Failed };
            return new HardwareTaskRow(
                HardwareTaskGroup.Sanity, r.GetString(0), null, r.GetString(1), status, outcome, SanityBasis(r.GetString(3)), null,
                r.GetString(6), Timestamp(dialect, r, 7), null, Real(r, 4), Real(r, 5), r.GetString(8));
        }, cancellationToken);

        var units = await ResultsCommands.ReadAllAsync(Command(UnitSql), r =>
        {
            var result = r.GetString(2);
            var detail = string.Join(" · ", new[]
            {
                Text(r, 1),
                r.IsDBNull(4) ? null : string.Create(CultureInfo.InvariantCulture, $"{r.GetInt32(4)} test{(r.GetInt32(4) == 1 ? "" : "s")} ran"),
                string.Create(CultureInfo.InvariantCulture, $"exit {r.GetInt32(3)}"),
            }.Where(part => part is not null));
            return new HardwareTaskRow(
                HardwareTaskGroup.Validation, "Unit tests", null, Text(r, 0), result == "passed" ? RunStatus.Succeeded : RunStatus.Failed,
                result, detail, null, r.GetString(6), Timestamp(dialect, r, 7), Real(r, 5), null, null, r.GetString(8));
        }, cancellationToken);

        var pd = await ResultsCommands.ReadAllAsync(Command(PdSql), r =>
        {
            var passed = r.GetInt32(5) == 1;
            var detail = r.GetInt32(2) == 1
                ? "setup failed (servers never became ready)"
                : string.Create(CultureInfo.InvariantCulture, $"{r.GetInt32(3)} tests passed") + (Text(r, 1) is { } model ? $" · {model}" : "");
            return new HardwareTaskRow(
                HardwareTaskGroup.Validation, "PD disaggregation", null, Text(r, 0), passed ? RunStatus.Succeeded : RunStatus.Failed,
                passed ? "passed" : "failed", detail, null, Text(r, 7), null, r.IsDBNull(6) ? null : r.GetInt32(6), Real(r, 4), null, r.GetString(8));
        }, cancellationToken);

        var images = await ResultsCommands.ReadAllAsync(Command(ImageCheckSql), r =>
        {
            var status = r.GetString(1);
            return new HardwareTaskRow(
                HardwareTaskGroup.Validation, "Image check", null, r.GetString(0), status == "available" ? RunStatus.Succeeded : RunStatus.Failed,
                status, Text(r, 2), null, Text(r, 2), Timestamp(dialect, r, 3), null, null, null, r.GetString(4));
        }, cancellationToken);

        return new HardwareNight(hardware, day, [.. runs, .. units, .. pd, .. images, .. sanity]);
    }

    /// <summary>
    /// Where a stored run of ours goes on the page, as the old dashboard grouped the same jobs: the plain benchmarks under
    /// performance, an engine variant (<c>online_dp_attention</c> …) under integration tests, sanity checks under sanity,
    /// and the jobs that check the node rather than measure a model (unit test, PD, image check, download, clean-up,
    /// summary) under validation.
    /// </summary>
    private static HardwareTaskGroup GroupOf(string mode) =>
        RunModes.TryParse(mode, out var kind)
            ? kind switch
            {
                RunMode.Online or RunMode.Offline => HardwareTaskGroup.Performance,
                RunMode.Sanity => HardwareTaskGroup.Sanity,
                _ => HardwareTaskGroup.Validation,
            }
            : HardwareTaskGroup.Integration;

    // How the importer decided a sanity result, in words a reader of the page understands.
    private static string SanityBasis(string basis) => basis switch
    {
        "final-result" => "final result line",
        "startup-failure" => "server did not start",
        "trailer" => "listed in the run's summary without a result",
        "skip" => "skipped by the script",
        _ => basis.Replace('-', ' '),
    };

    private static int Int(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? 0 : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static double? Real(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static DateTimeOffset? Timestamp(IResultsDialect dialect, DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : dialect.ReadTimestamp(reader, ordinal);
}
