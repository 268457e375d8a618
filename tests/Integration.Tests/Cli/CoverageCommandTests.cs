using System.Text.Json;
using SglangCi.Cli;
using SglangCi.Toolkit.History.Coverage;

namespace SglangCi.Integration.Tests.Cli;

/// <summary>
/// <c>sglang-ci coverage</c> end to end on a checkout built here: an era A <c>run_suite.py</c> and one era B file.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class CoverageCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sglci-coverage-cli-" + Guid.NewGuid().ToString("N"));

    public CoverageCommandTests()
    {
        Write("test/srt/run_suite.py", """
            suites = {
                "per-commit-1-gpu": [TestFile("test_a.py", 30), TestFile("test_b.py"), TestFile("test_fa3.py")],
            }
            suite_amd = {"per-commit-amd": [TestFile("test_a.py", 40)]}
            suites.update(suite_amd)
            """);
        Write("test/registered/test_c.py", """
            register_cuda_ci(est_time=SOME_CONST, suite="stage-b-test-small-1-gpu")
            register_cuda_ci(100, "stage-b-test-large-2-gpu")
            register_amd_ci(120, "stage-b-test-large-2-gpu-amd")
            """);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public async Task Csv_to_a_file_reads_back_as_a_coverage_report_and_json_carries_the_gap_and_warning()
    {
        var output = Path.Combine(_root, "out", "sglang_ci_report_20261201.csv");
        var csv = await InProcessCli.RunAsync("coverage", "--repo", _root, "--csv", "--output", output);

        Assert.True(csv.ExitCode == ExitCodes.Success, csv.ToString());
        Assert.Equal("", csv.StandardOutput);
        Assert.Contains("test/registered/test_c.py:1: register_cuda_ci(…): est_time=SOME_CONST is not a literal", csv.StandardError, StringComparison.Ordinal);
        var report = CoverageReportParser.Parse(await File.ReadAllTextAsync(output), "r.csv", new DateOnly(2026, 12, 1));
        Assert.Equal((2, 3, 67d), (report.Total!.AmdTotal, report.Total.NvidiaTotal, report.Total.CoveragePercent!.Value));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "*.tmp"));

        var json = await InProcessCli.RunAsync("coverage", "--repo", _root, "--json");
        Assert.True(json.ExitCode == ExitCodes.Success, json.ToString());
        var root = JsonDocument.Parse(json.StandardOutput).RootElement;
        Assert.Equal(["suite-dictionary", "per-file-registration"], root.GetProperty("layouts").EnumerateArray().Select(l => l.GetString()));
        var oneGpu = root.GetProperty("categories")[0];
        Assert.Equal("unit-test-backend-1-gpu", oneGpu.GetProperty("name").GetString());
        Assert.Equal("srt/test_b.py", oneGpu.GetProperty("nvidiaOnly")[0].GetProperty("file").GetString());
        Assert.Equal("srt/test_fa3.py", oneGpu.GetProperty("excludedIncompatible")[0].GetProperty("file").GetString());
        Assert.Equal(1, root.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Missing_repo_and_folder_without_registry_exit_2_naming_the_paths()
    {
        var missing = Path.Combine(_root, "no-such-checkout");
        var r = await InProcessCli.RunAsync("coverage", "--repo", missing);
        Assert.True(r.ExitCode == ExitCodes.BadArguments, r.ToString());
        Assert.Contains(missing, r.StandardError, StringComparison.Ordinal);

        var empty = Path.Combine(_root, "empty");
        Directory.CreateDirectory(empty);
        r = await InProcessCli.RunAsync("coverage", "--repo", empty, "--markdown");
        Assert.True(r.ExitCode == ExitCodes.BadArguments, r.ToString());
        Assert.Contains(Path.Combine(empty, "test/srt/run_suite.py"), r.StandardError, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(empty, "test/registered"), r.StandardError, StringComparison.Ordinal);

        r = await InProcessCli.RunAsync("coverage", "--repo", _root, "--json", "--csv");
        Assert.True(r.ExitCode == ExitCodes.BadArguments, r.ToString());
    }
}
