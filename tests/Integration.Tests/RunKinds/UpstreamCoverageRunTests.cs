using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Upstream;

namespace SglangCi.Integration.Tests.RunKinds;

/// <summary>
/// <c>upstream-coverage</c> on a silo hosted as the product hosts it, reading a checkout made here: the report is written
/// in the old CSV layout under the data directory, recorded with its NVIDIA-only list in the coverage history, and a
/// second day on which AMD lost a test raises a coverage card naming the file. Without a checkout the job is skipped.
/// </summary>
public sealed class UpstreamCoverageRunTests : IDisposable
{
    private readonly string _checkout = Directory.CreateTempSubdirectory("sglci-coverage-checkout-").FullName;

    public void Dispose() => Directory.Delete(_checkout, recursive: true);

    [Fact]
    public async Task Daily_reports_are_stored_as_history_and_a_lost_amd_test_raises_a_coverage_card()
    {
        await WriteRunSuiteAsync(amdTests: ["test_a.py", "test_b.py"]);
        await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?> { ["SglangCi:Upstream:Coverage:Checkout"] = _checkout });
        var node = await silo.AddNodeAsync("coverage-node", EngineRuntimeKind.Simulated);

        var (first, firstDetails) = await silo.RunAsync(node.Name, RunMode.UpstreamCoverage, new DateOnly(2026, 11, 30));

        Assert.True(first.Status == RunStatus.Succeeded, first.Reason);
        var coverage = Assert.Single(firstDetails.Checks, c => c.Name == "coverage");
        Assert.Equal(67.0, coverage.Value);
        Assert.StartsWith("2 AMD vs 3 NVIDIA tests = 67 %; 1 NVIDIA-only; the first report", coverage.Detail, StringComparison.Ordinal);
        var csv = Path.Combine(silo.DataDirectory, "upstream_ci", "ci_report", "sglang_ci_report_20261130.csv");
        Assert.StartsWith("Test Category,AMD # of Tests,Nvidia # of Tests,AMD Coverage (%)", await File.ReadAllTextAsync(csv), StringComparison.Ordinal);
        Assert.Empty(await silo.AlertLinesAsync("Upstream", expectAny: false));

        await WriteRunSuiteAsync(amdTests: ["test_a.py"]);
        var (second, _) = await silo.RunAsync(node.Name, RunMode.UpstreamCoverage, new DateOnly(2026, 12, 1));

        Assert.True(second.Status == RunStatus.Succeeded, second.Reason);
        var history = await silo.Grains.GetGrain<IUpstreamCoverageGrain>(0).GetHistoryAsync();
        Assert.Equal([new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1)], history.Select(h => h.ReportDate));
        var latest = (await silo.Grains.GetGrain<IUpstreamCoverageGrain>(0).GetReportAsync(null))!;
        Assert.Equal((CoverageOrigin.Computed, 1, 3, 33.0), (latest.Origin, latest.AmdTotal, latest.NvidiaTotal, latest.CoveragePercent));
        Assert.Equal(2, latest.Gaps.Count);
        Assert.Contains(latest.Gaps, g => g.File.EndsWith("test_b.py", StringComparison.Ordinal) && g.EstimatedSeconds == 50);

        var card = Assert.Single(await silo.AlertLinesAsync("Upstream AMD coverage dropped", expectAny: true));
        Assert.Contains("33 %", card, StringComparison.Ordinal);
        Assert.Contains("test_b.py", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_checkout_the_job_is_skipped_naming_the_setting()
    {
        await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?>());
        var node = await silo.AddNodeAsync("coverage-none", EngineRuntimeKind.Simulated);

        var (summary, _) = await silo.RunAsync(node.Name, RunMode.UpstreamCoverage);

        Assert.Equal(RunStatus.Skipped, summary.Status);
        Assert.Contains("SglangCi:Upstream:Coverage:Checkout", summary.Reason, StringComparison.Ordinal);
    }

    /// <summary>An era-A registry: NVIDIA runs test_a, test_b and test_c on one GPU; AMD the given ones.</summary>
    private async Task WriteRunSuiteAsync(IReadOnlyList<string> amdTests)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_checkout, "test", "srt")).FullName;
        var amd = string.Join("\n", amdTests.Select(t => $"        TestFile(\"{t}\"),"));
        await File.WriteAllTextAsync(Path.Combine(folder, "run_suite.py"), $$"""
            from dataclasses import dataclass


            @dataclass
            class TestFile:
                name: str
                estimated_time: float = 60


            suites = {
                "per-commit-1-gpu": [
                    TestFile("test_a.py", 100),
                    TestFile("test_b.py", 50),
                    # TestFile("test_disabled.py"),
                    TestFile("test_c.py"),
                ],
            }

            suite_amd = {
                "per-commit-amd": [
            {{amd}}
                ],
            }

            suites.update(suite_amd)
            """);
    }
}
