namespace SglangCi.Silo.Storage.Upstream;

/// <summary>
/// The coverage history's statements (schema: <c>Sql/sqlite/0007_test_history.sql</c> + <c>0012_coverage_history.sql</c>,
/// <c>Sql/postgres/0002_results.sql</c> + <c>0003_coverage_history.sql</c>). Portable SQL both engines run as written:
/// dates are 'yyyy-MM-dd' text on both, so text order is date order.
/// </summary>
internal static class CoverageHistorySql
{
    private const string ReportColumns = "report_date, origin, commit_sha, amd_total, nvidia_total, coverage_percent, source_path, recorded_at";

    /// <summary>Replaces every column of the date's row: the last writer wins whatever the origin of the row it replaces.</summary>
    public const string UpsertReport = $"""
        INSERT INTO coverage_reports ({ReportColumns})
        VALUES (@date, @origin, @commit, @amd, @nvidia, @percent, @path, @recorded_at)
        ON CONFLICT (report_date) DO UPDATE SET
            origin = excluded.origin, commit_sha = excluded.commit_sha, amd_total = excluded.amd_total, nvidia_total = excluded.nvidia_total,
            coverage_percent = excluded.coverage_percent, source_path = excluded.source_path, recorded_at = excluded.recorded_at;
        """;

    public const string DeleteCategories = "DELETE FROM coverage_categories WHERE report_date = @date;";

    public const string DeleteGaps = "DELETE FROM coverage_gaps WHERE report_date = @date;";

    /// <summary>A category row; <c>source_line</c> is the row's position in the report (there is no file line for a computed one).</summary>
    public const string InsertCategory = """
        INSERT INTO coverage_categories (report_date, section, category, amd_tests, nvidia_tests, coverage_percent, source_line)
        VALUES (@date, @section, @category, @amd, @nvidia, @percent, @line);
        """;

    public const string InsertGap = "INSERT INTO coverage_gaps (report_date, category, file, estimated_s) VALUES (@date, @category, @file, @estimated_s);";

    /// <summary>The date to compare a report of <c>@date</c> with: its own (about to be replaced), else the newest earlier one.</summary>
    public const string SelectComparedDate = "SELECT report_date FROM coverage_reports WHERE report_date <= @date ORDER BY report_date DESC LIMIT 1;";

    /// <summary>The newest date when <c>@date</c> is NULL, else <c>@date</c> itself when stored.</summary>
    public const string SelectReportDate =
        "SELECT report_date FROM coverage_reports WHERE (CAST(@date AS TEXT) IS NULL OR report_date = @date) ORDER BY report_date DESC LIMIT 1;";

    public const string SelectReport = $"SELECT {ReportColumns} FROM coverage_reports WHERE report_date = @date;";

    public const string SelectCategories = """
        SELECT section, category, amd_tests, nvidia_tests, coverage_percent FROM coverage_categories
        WHERE report_date = @date ORDER BY source_line, section, category;
        """;

    public const string SelectGaps = "SELECT category, file, estimated_s FROM coverage_gaps WHERE report_date = @date ORDER BY category, file;";

    public const string SelectHistory = $"""
        SELECT {ReportColumns}, (SELECT COUNT(*) FROM coverage_gaps g WHERE g.report_date = r.report_date) AS gap_count
        FROM coverage_reports r ORDER BY report_date;
        """;
}
