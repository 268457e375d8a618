using SglangCi.Grains.Upstream;
using SglangCi.Integration.Tests.Postgres;
using SglangCi.Interfaces.Upstream;
using SglangCi.Silo.Storage.History;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Upstream;

namespace SglangCi.Integration.Tests.Upstream;

/// <summary>
/// What the coverage history must do on every engine: a computed report with its categories and gaps reads back equal
/// (NULLs stay NULL, sections absent stay absent), one report per date with the last writer winning whatever its origin
/// (a computed report replaces an imported one and an import replaces a computed one, gaps included), recording answers
/// with the report to compare against, and the migration keeps reports imported before it. Each engine's class supplies
/// the database (<see cref="SqliteCoverageHistoryTests"/>, <see cref="PostgresCoverageHistoryTests"/>).
/// </summary>
public abstract class CoverageHistoryContract : IAsyncLifetime
{
    protected static readonly DateOnly ImportedDay = new(2025, 11, 20);
    protected static readonly DateOnly Day1 = new(2026, 11, 30);
    protected static readonly DateOnly Day2 = new(2026, 12, 1);

    private const string OldCsv = """
        Test Category,AMD # of Tests,Nvidia # of Tests,AMD Coverage (%)

        # CI Category Summary
        Per-PR CI (total test count),76,147,52%
        Nightly/Periodic CI (total test count),14,11,127%

        ## Per-PR CI Tests
        unit-test-backend-1-gpu,60,105,57%
        unit-test-frontend,0,0,N/A

        Total,90,158,57%
        """;

    private string? _seedRoot;

    protected IResultsDatabase Database { get; private set; } = null!;

    protected ICoverageHistory History { get; private set; } = null!;

    /// <summary>A fresh, empty database of the engine (its schema is migrated on first open).</summary>
    protected abstract Task<IResultsDatabase> OpenDatabaseAsync();

    /// <summary>Brings the fresh database to the schema just before the coverage history migration, as an older release left it.</summary>
    protected abstract Task MigrateToBeforeCoverageHistoryAsync();

    /// <summary>Runs <paramref name="sql"/> on the database outside the store.</summary>
    protected abstract Task ExecuteAsync(string sql);

    /// <summary>Removes the database.</summary>
    protected abstract Task CloseAsync();

    public async Task InitializeAsync()
    {
        Database = await OpenDatabaseAsync();
        History = new RelationalCoverageHistory(Database);
    }

    public async Task DisposeAsync()
    {
        if (_seedRoot is not null)
        {
            Directory.Delete(_seedRoot, recursive: true);
        }

        await CloseAsync();
    }

    [EngineFact]
    public async Task A_computed_report_reads_back_equal_with_its_categories_gaps_and_nulls()
    {
        var report = Computed(Day1, "abc123", [Gap("unit-test-backend-1-gpu", "srt/test_fa3.py", 321.5), Gap("unit-test-backend-2-gpu", "srt/test_dp.py", null)]);

        Assert.Null(await History.RecordAsync(report, CancellationToken.None));
        var back = await History.ReportAsync(Day1, CancellationToken.None);

        AssertSame(report, back);
        AssertSame(report, await History.ReportAsync(null, CancellationToken.None));
        Assert.Null(await History.ReportAsync(Day2, CancellationToken.None));
        var totals = Assert.Single(await History.HistoryAsync(CancellationToken.None));
        Assert.Equal(new CoverageReportTotals(Day1, CoverageOrigin.Computed, "abc123", 90, 158, 57, 2), totals);
    }

    [EngineFact]
    public async Task Recording_a_date_again_replaces_it_whole_and_answers_with_the_report_it_replaced()
    {
        var first = Computed(Day1, "aaa", [Gap("unit-test-backend-1-gpu", "srt/test_a.py", 1), Gap("unit-test-backend-1-gpu", "srt/test_b.py", 2)]);
        var second = Computed(Day1, "bbb", [Gap("unit-test-backend-1-gpu", "srt/test_b.py", 2)]) with
        {
            Categories = [new CoverageCategoryCount("Per-PR CI Tests", "unit-test-backend-1-gpu", 61, 105, 58.1)],
        };
        await History.RecordAsync(first, CancellationToken.None);

        var previous = await History.RecordAsync(second, CancellationToken.None);

        AssertSame(first, previous);
        AssertSame(second, await History.ReportAsync(Day1, CancellationToken.None));
        Assert.Single(await History.HistoryAsync(CancellationToken.None));
    }

    [EngineFact]
    public async Task A_new_date_is_compared_with_the_newest_earlier_report_and_becomes_the_latest()
    {
        var older = Computed(Day1.AddDays(-3), "old", []);
        var newer = Computed(Day1, "new", [Gap("unit-test-backend-1-gpu", "srt/test_a.py", null)]);
        await History.RecordAsync(newer, CancellationToken.None);
        await History.RecordAsync(older, CancellationToken.None);

        var previous = await History.RecordAsync(Computed(Day2, "latest", []), CancellationToken.None);

        Assert.Equal(("new", Day1), (previous?.Commit, previous?.ReportDate));
        Assert.Equal("latest", (await History.ReportAsync(null, CancellationToken.None))?.Commit);
        Assert.Equal([Day1.AddDays(-3), Day1, Day2], (await History.HistoryAsync(CancellationToken.None)).Select(t => t.ReportDate));
    }

    [EngineFact]
    public async Task The_last_writer_wins_between_an_imported_and_a_computed_report_of_one_date()
    {
        await ImportOldCsvAsync(force: false);
        var imported = await History.ReportAsync(ImportedDay, CancellationToken.None);
        Assert.NotNull(imported);
        Assert.Equal(CoverageOrigin.Imported, imported.Origin);
        Assert.Null(imported.Commit);
        Assert.Null(imported.RecordedAt);
        Assert.Equal(["CI Category Summary", "CI Category Summary", "Per-PR CI Tests", "Per-PR CI Tests"], imported.Categories.Select(c => c.Section));
        Assert.Null(imported.Categories[^1].CoveragePercent);
        Assert.False(imported.HasGapList);

        var computed = Computed(ImportedDay, "abc", [Gap("unit-test-backend-1-gpu", "srt/test_a.py", 5)]);
        AssertSame(imported, await History.RecordAsync(computed, CancellationToken.None));
        AssertSame(computed, await History.ReportAsync(ImportedDay, CancellationToken.None));

        await ImportOldCsvAsync(force: true);
        var again = await History.ReportAsync(ImportedDay, CancellationToken.None);
        AssertSame(imported, again);
        Assert.Equal(0, Assert.Single(await History.HistoryAsync(CancellationToken.None)).GapCount);
    }

    [EngineFact]
    public async Task The_migration_keeps_the_reports_imported_before_it_as_imported_ones()
    {
        await MigrateToBeforeCoverageHistoryAsync();
        await ExecuteAsync("""
            INSERT INTO coverage_reports (report_date, amd_total, nvidia_total, coverage_percent, source_path)
            VALUES ('2025-09-16', 80, 150, 53.3, 'upstream_ci/ci_report/sglang_ci_report_20250916.csv'),
                   ('2025-11-20', 90, 158, 57, 'upstream_ci/ci_report/sglang_ci_report_20251120.csv');
            INSERT INTO coverage_categories (report_date, section, category, amd_tests, nvidia_tests, coverage_percent, source_line)
            VALUES ('2025-09-16', '', 'unit-test-backend-1-gpu', 55, 100, 55, 2),
                   ('2025-11-20', 'Per-PR CI Tests', 'unit-test-backend-1-gpu', 60, 105, 57, 9);
            """);

        var history = await History.HistoryAsync(CancellationToken.None);

        Assert.Equal(
            [
                new CoverageReportTotals(new DateOnly(2025, 9, 16), CoverageOrigin.Imported, null, 80, 150, 53.3, 0),
                new CoverageReportTotals(ImportedDay, CoverageOrigin.Imported, null, 90, 158, 57, 0),
            ],
            history);
        var oldest = await History.ReportAsync(new DateOnly(2025, 9, 16), CancellationToken.None);
        Assert.Equal(new CoverageCategoryCount(null, "unit-test-backend-1-gpu", 55, 100, 55), Assert.Single(oldest!.Categories));
        Assert.Null(oldest.RecordedAt);
        var previous = await History.RecordAsync(Computed(Day2, "abc", []), CancellationToken.None);
        Assert.Equal(ImportedDay, previous?.ReportDate);
    }

    protected static CoverageReportRecord Computed(DateOnly date, string commit, IReadOnlyList<CoverageGapFile> gaps) => new(
        date, CoverageOrigin.Computed, commit, 90, 158, 57, "sglang@" + commit + "/test",
        new DateTimeOffset(date.ToDateTime(new TimeOnly(2, 30, 15, 123)), TimeSpan.Zero),
        [
            new CoverageCategoryCount("CI Category Summary", "Per-PR CI (total test count)", 76, 147, 52),
            new CoverageCategoryCount("Per-PR CI Tests", "unit-test-backend-1-gpu", 60, 105, 57.14),
            new CoverageCategoryCount(null, "unit-test-frontend", 0, 0, null),
            new CoverageCategoryCount("Additional Test Categories", "nightly-models-test", 14, 11, 127.27),
        ],
        gaps);

    protected static CoverageGapFile Gap(string category, string file, double? seconds) => new(category, file, seconds);

    /// <summary>Records are compared by value, their lists element by element (a record's own equality compares list references).</summary>
    private static void AssertSame(CoverageReportRecord? expected, CoverageReportRecord? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected with { Categories = [], Gaps = [] }, actual with { Categories = [], Gaps = [] });
        Assert.Equal(expected.Categories, actual.Categories);
        Assert.Equal(expected.Gaps.OrderBy(g => g.Category, StringComparer.Ordinal).ThenBy(g => g.File, StringComparer.Ordinal), actual.Gaps);
    }

    private async Task ImportOldCsvAsync(bool force)
    {
        _seedRoot ??= Path.Combine(Path.GetTempPath(), "sglci-coverage-seed-" + Guid.NewGuid().ToString("N"));
        var folder = Path.Combine(_seedRoot, "upstream_ci", "ci_report");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, $"sglang_ci_report_{ImportedDay:yyyyMMdd}.csv"), OldCsv);
        var report = await new SeedLogImporter(Database).ImportAsync(_seedRoot, force, progress: null, CancellationToken.None);
        Assert.True(report.Imported == 1, $"the CSV was not imported: {string.Join("; ", report.Issues)}");
    }
}
