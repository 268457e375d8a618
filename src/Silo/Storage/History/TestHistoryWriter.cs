using System.Data.Common;
using System.Text.Json;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Upstream;
using SglangCi.Toolkit.History;
using SglangCi.Toolkit.History.Coverage;
using SglangCi.Toolkit.History.Pd;
using SglangCi.Toolkit.History.Records;
using SglangCi.Toolkit.History.Sanity;
using SglangCi.Toolkit.History.UnitTests;

namespace SglangCi.Silo.Storage.History;

/// <summary>
/// Writes the test jobs of a <see cref="HistoryBatch"/>: sanity summaries (a re-read file replaces its own attempts
/// and trials), decided sanity results, PD runs, unit-test runs and coverage reports, all upserts by their natural
/// keys. Stored text that may hold a command line goes through <see cref="SecretRedactor"/>.
/// </summary>
internal sealed class TestHistoryWriter(IResultsDialect dialect)
{
    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, HistoryBatch batch, CancellationToken ct)
    {
        foreach (var summary in batch.SanitySummaries)
        {
            await SanitySummaryAsync(connection, transaction, summary, ct);
        }

        foreach (var result in batch.SanityResults)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO sanity_results (hardware, host, image, image_date, model, outcome, basis, accuracy, required_accuracy, accuracy_rule, decided_at, source_path, source_line)
                VALUES (@hardware, @host, @image, @image_date, @model, @outcome, @basis, @accuracy, @required, @rule, @decided_at, @path, @line)
                ON CONFLICT (hardware, host, image, model) DO UPDATE SET
                    image_date = excluded.image_date, outcome = excluded.outcome, basis = excluded.basis, accuracy = excluded.accuracy,
                    required_accuracy = excluded.required_accuracy, accuracy_rule = excluded.accuracy_rule, decided_at = excluded.decided_at,
                    source_path = excluded.source_path, source_line = excluded.source_line;
                """, c => c
                .With("@hardware", result.Hardware).With("@host", result.Host).With("@image", result.Image.Image).With("@image_date", dialect.Date(result.Image.Date))
                .With("@model", result.Model).With("@outcome", WireWords.Of(result.Outcome)).With("@basis", WireWords.Of(result.Basis))
                .With("@accuracy", result.Accuracy).With("@required", result.RequiredAccuracy).With("@rule", WireWords.Of(result.AccuracyRule))
                .With("@decided_at", result.DecidedAt is { } at ? dialect.Timestamp(at) : null)
                .With("@path", result.Source.Path).With("@line", result.Source.Line), ct);
        }

        foreach (var (label, pd) in batch.PdTests)
        {
            await PdAsync(connection, transaction, label, pd, ct);
        }

        foreach (var unit in batch.UnitTests)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO unit_tests (hardware, image, image_date, host, test, started_at, ended_at, exit_code, result, tests_ran, duration_s, verdict, command, source_path, source_line)
                VALUES (@hardware, @image, @image_date, @host, @test, @started_at, @ended_at, @exit_code, @result, @tests_ran, @duration_s, @verdict, @command, @path, @line)
                ON CONFLICT (hardware, image) DO UPDATE SET
                    image_date = excluded.image_date, host = excluded.host, test = excluded.test, started_at = excluded.started_at, ended_at = excluded.ended_at,
                    exit_code = excluded.exit_code, result = excluded.result, tests_ran = excluded.tests_ran, duration_s = excluded.duration_s,
                    verdict = excluded.verdict, command = excluded.command, source_path = excluded.source_path, source_line = excluded.source_line;
                """, c => c
                .With("@hardware", unit.Hardware ?? unit.Image.Hardware).With("@image", unit.Image.Image).With("@image_date", dialect.Date(unit.Image.Date))
                .With("@host", unit.Machine).With("@test", unit.TestName)
                .With("@started_at", unit.StartedAt is { } s ? dialect.Timestamp(s) : null).With("@ended_at", unit.EndedAt is { } e ? dialect.Timestamp(e) : null)
                .With("@exit_code", unit.ExitCode).With("@result", WireWords.Of(unit.Result)).With("@tests_ran", unit.TestsRan).With("@duration_s", unit.DurationS)
                .With("@verdict", unit.Verdict?.Text).With("@command", unit.Command is null ? null : SecretRedactor.Redact(unit.Command))
                .With("@path", unit.Source.Path).With("@line", unit.ResultSource.Line), ct);
        }

        foreach (var report in batch.CoverageReports)
        {
            await CoverageAsync(connection, transaction, report, ct);
        }
    }

    private async Task SanitySummaryAsync(DbConnection connection, DbTransaction transaction, SanitySummary summary, CancellationToken ct)
    {
        var path = summary.Source.Path;
        await ExecuteAsync(connection, transaction, "DELETE FROM sanity_trials WHERE source_path = @path;", c => c.With("@path", path), ct);
        await ExecuteAsync(connection, transaction, "DELETE FROM sanity_attempts WHERE source_path = @path;", c => c.With("@path", path), ct);
        for (var i = 0; i < summary.Attempts.Count; i++)
        {
            var a = summary.Attempts[i];
            var attempt = i + 1;
            await ExecuteAsync(connection, transaction, """
                INSERT INTO sanity_attempts (source_path, attempt, hardware, host, image, image_date, model, started_at, cuda_graph_disabled, server_startup_s,
                    startup_failed, startup_error, final_result, reported_accuracy, required_accuracy, accuracy_rule, total_time_s, source_line)
                VALUES (@path, @attempt, @hardware, @host, @image, @image_date, @model, @started_at, @cuda_graph_disabled, @startup_s,
                    @startup_failed, @startup_error, @final, @reported, @required, @rule, @total, @line);
                """, c => c
                .With("@path", path).With("@attempt", attempt).With("@hardware", summary.Image.Hardware).With("@host", summary.Machine ?? HistoryRun.UnknownHost)
                .With("@image", summary.Image.Image).With("@image_date", dialect.Date(summary.Image.Date)).With("@model", a.Model)
                .With("@started_at", a.StartedAt is { } s ? dialect.Timestamp(s) : null).With("@cuda_graph_disabled", a.CudaGraphDisabled ? 1 : 0)
                .With("@startup_s", a.ServerStartupS).With("@startup_failed", a.ServerStartupFailed ? 1 : 0)
                .With("@startup_error", a.StartupError is null ? null : SecretRedactor.Redact(a.StartupError))
                .With("@final", a.FinalPassed is { } passed ? passed ? "pass" : "fail" : null)
                .With("@reported", a.ReportedAccuracy).With("@required", a.RequiredAccuracy).With("@rule", WireWords.Of(a.AccuracyRule))
                .With("@total", a.TotalTimeS).With("@line", a.Source.Line), ct);
            foreach (var trial in a.Trials)
            {
                await ExecuteAsync(connection, transaction, """
                    INSERT INTO sanity_trials (source_path, attempt, trial, outcome, accuracy, time_s, detail, source_line)
                    VALUES (@path, @attempt, @trial, @outcome, @accuracy, @time_s, @detail, @line)
                    ON CONFLICT (source_path, attempt, trial) DO UPDATE SET
                        outcome = excluded.outcome, accuracy = excluded.accuracy, time_s = excluded.time_s, detail = excluded.detail, source_line = excluded.source_line;
                    """, c => c
                    .With("@path", path).With("@attempt", attempt).With("@trial", trial.Number).With("@outcome", WireWords.Of(trial.Outcome))
                    .With("@accuracy", trial.Accuracy).With("@time_s", trial.TimeS).With("@detail", trial.Detail).With("@line", trial.Source.Line), ct);
            }
        }
    }

    private async Task PdAsync(DbConnection connection, DbTransaction transaction, string label, PdTestSummary pd, CancellationToken ct)
    {
        var tag = pd.DockerTag ?? (ImageTag.TryParse(label, out var fromLabel) ? fromLabel : null);
        var steps = JsonSerializer.Serialize(pd.SetupSteps.Select(s => new { s.Number, s.Name, s.Seconds }));
        var tests = JsonSerializer.Serialize(pd.Tests.Select(t => new { t.Number, t.Name, Status = WireWords.Of(t.Status), t.Seconds, Value = t.ValueText, t.Accuracy }));
        await ExecuteAsync(connection, transaction, """
            INSERT INTO pd_tests (hardware, label, image, image_date, host, model, setup_failed, tests_passed, gsm8k_accuracy, passed, old_label, total_s, setup_s, gsm8k_s, steps, tests, source_path)
            VALUES (@hardware, @label, @image, @image_date, @host, @model, @setup_failed, @tests_passed, @accuracy, @passed, @old_label, @total_s, @setup_s, @gsm8k_s, @steps, @tests, @path)
            ON CONFLICT (hardware, label) DO UPDATE SET
                image = excluded.image, image_date = excluded.image_date, host = excluded.host, model = excluded.model, setup_failed = excluded.setup_failed,
                tests_passed = excluded.tests_passed, gsm8k_accuracy = excluded.gsm8k_accuracy, passed = excluded.passed, old_label = excluded.old_label,
                total_s = excluded.total_s, setup_s = excluded.setup_s, gsm8k_s = excluded.gsm8k_s, steps = excluded.steps, tests = excluded.tests,
                source_path = excluded.source_path;
            """, c => c
            .With("@hardware", pd.Hardware ?? tag?.Hardware ?? "unknown").With("@label", label).With("@image", tag?.Image)
            .With("@image_date", tag is null ? null : dialect.Date(tag.Date)).With("@host", pd.Hostname).With("@model", pd.Model)
            .With("@setup_failed", pd.SetupFailed ? 1 : 0).With("@tests_passed", pd.Tests.Count(t => t.Number <= 4 && t.Status == PdTestStatus.Pass))
            .With("@accuracy", pd.Gsm8kAccuracy).With("@passed", pd.Passed ? 1 : 0).With("@old_label", WireWords.Of(pd.OldLabel))
            .With("@total_s", pd.TotalTimeS).With("@setup_s", pd.SetupTimeS).With("@gsm8k_s", pd.Gsm8kDurationS)
            .With("@steps", steps).With("@tests", tests).With("@path", pd.Source.Path), ct);
    }

    private async Task CoverageAsync(DbConnection connection, DbTransaction transaction, CoverageReport report, CancellationToken ct)
    {
        var date = dialect.Date(report.ReportDate);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO coverage_reports (report_date, amd_total, nvidia_total, coverage_percent, source_path)
            VALUES (@date, @amd, @nvidia, @percent, @path)
            ON CONFLICT (report_date) DO UPDATE SET
                amd_total = excluded.amd_total, nvidia_total = excluded.nvidia_total, coverage_percent = excluded.coverage_percent, source_path = excluded.source_path,
                origin = 'imported', commit_sha = NULL, recorded_at = NULL;
            """, c => c
            .With("@date", date).With("@amd", report.Total?.AmdTotal).With("@nvidia", report.Total?.NvidiaTotal)
            .With("@percent", report.Total?.CoveragePercent).With("@path", report.Source.Path), ct);
        await ExecuteAsync(connection, transaction, "DELETE FROM coverage_categories WHERE report_date = @date;", c => c.With("@date", date), ct);
        // One report per date, the last writer wins (Sql/sqlite/0012_coverage_history.sql): an imported CSV replaces a computed
        // report of its date whole, gap list included, as a computed one replaces an import.
        await ExecuteAsync(connection, transaction, CoverageHistorySql.DeleteGaps, c => c.With("@date", date), ct);
        foreach (var row in report.Rows)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO coverage_categories (report_date, section, category, amd_tests, nvidia_tests, coverage_percent, source_line)
                VALUES (@date, @section, @category, @amd, @nvidia, @percent, @line)
                ON CONFLICT (report_date, section, category) DO UPDATE SET
                    amd_tests = excluded.amd_tests, nvidia_tests = excluded.nvidia_tests, coverage_percent = excluded.coverage_percent, source_line = excluded.source_line;
                """, c => c
                .With("@date", date).With("@section", row.Section ?? string.Empty).With("@category", row.Category)
                .With("@amd", row.AmdTests).With("@nvidia", row.NvidiaTests).With("@percent", row.CoveragePercent).With("@line", row.Source.Line), ct);
        }
    }

    private static Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, Func<DbCommand, DbCommand> bind, CancellationToken ct) =>
        ResultsCommands.ExecuteAsync(connection, transaction, sql, bind, ct);
}
