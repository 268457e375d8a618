using System.Globalization;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Grains.Upstream;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Upstream;
using SglangCi.Toolkit.History;
using SglangCi.Toolkit.History.Coverage;
using SglangCi.Toolkit.Text;
using SglangCi.Toolkit.Upstream.Coverage;

namespace SglangCi.Silo.RunKinds.UpstreamCoverage;

/// <summary>
/// <c>upstream-coverage</c> (the old <c>compare_suites.py</c>, run by a schedule): reads the SGLang checkout's CI registry
/// as data (<see cref="CoverageAnalyzer"/>), writes the day's report in the old CSV layout beside the data directory's
/// history (<c>upstream_ci/ci_report/sglang_ci_report_YYYYMMDD.csv</c>), records it with its NVIDIA-only list in the
/// coverage history (<see cref="IUpstreamCoverageGrain"/>), and raises a coverage card when coverage dropped or tests
/// moved (<see cref="CoverageAlert"/>). The report's day is the run's image date (a schedule sets the firing's day).
/// <para>Checks: <c>checkout</c> (the commit and layouts read; with <c>Pull</c>, git's answer — a failed pull is a
/// warning, the checkout is still read), <c>coverage</c> (the total percentage), <c>registry warnings</c> (what the
/// reader skipped, as a warning, all of them in the <c>coverage-warnings</c> log). No checkout configured: the run is
/// skipped, naming the setting.</para>
/// </summary>
public sealed class UpstreamCoverageKind(IGrainFactory grains, UpstreamCoverageOptions options, string dataDirectory, string? dashboardUrl) : IRunKind
{
    public RunMode Mode => RunMode.UpstreamCoverage;

    public bool RunsPreLaunch => false;

    public async Task<RunOutcome> ExecuteAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        // Only the silo's own setting names the checkout: a job must not point the silo at any folder of its host (with
        // Pull on, git would run that folder's hooks).
        var checkout = options.Checkout;
        if (string.IsNullOrWhiteSpace(checkout))
        {
            return RunOutcome.Skipped($"no SGLang checkout to read: set {UpstreamCoverageOptions.SectionName}:Checkout on the silo");
        }

        var day = run.Plan.ImageDate ?? DateOnly.FromDateTime(run.Time.GetUtcNow().UtcDateTime);
        await run.PhaseStartedAsync(RunPhase.Benchmark);
        run.Stage = $"upstream coverage of {checkout}";
        var pulled = options.Pull ? await CheckoutPull.RunAsync(checkout, options.PullTimeout, run.CancellationToken) : ((bool Ok, string Said)?)null;

        CoverageComparison comparison;
        try
        {
            comparison = CoverageAnalyzer.Analyze(checkout, new CoverageOptions(options.IncludeIncompatible));
        }
        catch (CoverageCheckoutException e)
        {
            await run.ReportCheckAsync(new RunCheckResult("checkout", CheckStatus.Failed, null, null, e.Message));
            return RunOutcome.Failed(e.Message);
        }

        await run.ReportCheckAsync(CheckoutCheck(comparison, pulled));
        var csv = CoverageCsvWriter.Write(comparison);
        var csvPath = CoverageHistory.ReportPath(day);
        AtomicTextFile.Write(Path.Combine(dataDirectory, csvPath), csv);
        await run.WriteCommandLogAsync("coverage-report", csv);

        // The CSV just written is the report, read back as the importer reads the old ones (what ToReport does).
        var report = CoverageReportParser.Parse(csv, csvPath, day);
        var gaps = CoverageHistory.Gaps(comparison);
        var record = CoverageReportRecords.Computed(report, gaps, checkout, comparison.Commit, run.Time.GetUtcNow());
        var change = await grains.GetGrain<IUpstreamCoverageGrain>(0).RecordAsync(record);
        var total = comparison.Total;
        await run.ReportCheckAsync(new RunCheckResult(
            "coverage",
            CheckStatus.Passed,
            total.CoveragePercent,
            null,
            $"{total.AmdTests} AMD vs {total.NvidiaTests} NVIDIA tests = {CoverageAlert.Percent(total.CoveragePercent)}; {gaps.Count.ToString(CultureInfo.InvariantCulture)} NVIDIA-only; {Changed(change)} (report {csvPath})"));
        if (comparison.Warnings.Count > 0)
        {
            var log = await run.WriteCommandLogAsync("coverage-warnings", string.Join("\n", comparison.Warnings.Select(w => w.ToString())) + "\n");
            await run.ReportCheckAsync(new RunCheckResult(
                "registry warnings",
                CheckStatus.Warning,
                comparison.Warnings.Count,
                null,
                string.Join("; ", comparison.Warnings.Take(5).Select(w => w.ToString()))
                    + (comparison.Warnings.Count > 5 ? $"; … {comparison.Warnings.Count - 5} more" : "")
                    + (log is null ? "" : $" (all in {log})")));
        }

        if (CoverageAlert.For(change, run.Plan.RunId, dashboardUrl, run.Time.GetUtcNow()) is { } alert)
        {
            await run.LogAsync($"{alert.Title}: {alert.Text}");
            await run.RaiseAlertAsync(alert);
        }

        await run.PhaseStartedAsync(RunPhase.Collected);
        return RunOutcome.Succeeded;
    }

    private static RunCheckResult CheckoutCheck(CoverageComparison comparison, (bool Ok, string Said)? pulled)
    {
        var read = CoverageReportText.Describe(comparison);
        return pulled switch
        {
            { Ok: false } failed => new RunCheckResult("checkout", CheckStatus.Warning, null, null, SecretRedactor.Redact($"{failed.Said}; read as it is: {read}")),
            { } ok => new RunCheckResult("checkout", CheckStatus.Passed, null, null, SecretRedactor.Redact($"pulled ({ok.Said}); {read}")),
            null => new RunCheckResult("checkout", CheckStatus.Passed, null, null, read),
        };
    }

    private static string Changed(CoverageChange change) => change.PreviousDate is not { } previous
        ? "the first report"
        : change.PercentPointsChange is { } points && points != 0
            ? $"{points.ToString("+0.#;-0.#", CultureInfo.InvariantCulture)} points since {previous:yyyy-MM-dd}"
            : $"unchanged since {previous:yyyy-MM-dd}";
}
