using SglangCi.Toolkit.Upstream.Coverage;

namespace SglangCi.Toolkit.Tests.Upstream;

public sealed class SuiteEdgeCaseTests
{
    [Fact]
    public void Era_b_hardware_specific_nvidia_suites_are_not_compared_by_the_same_rule_as_era_a()
    {
        using var checkout = new TempCheckout().Write("test/registered/test_hw.py", """
            register_cuda_ci(est_time=10, suite="stage-c-test-4-gpu-h100")
            register_cuda_ci(est_time=10, suite="stage-c-test-4-gpu-b200")
            register_cuda_ci(est_time=10, suite="stage-c-test-4-gpu-gb200")
            register_cuda_ci(est_time=10, suite="stage-c-test-8-gpu-h20")
            register_cuda_ci(est_time=10, suite="stage-c-test-8-gpu-h200")
            register_cuda_ci(est_time=10, suite="stage-c-test-deepep-8-gpu-h200")
            register_cuda_ci(est_time=10, suite="nightly-8-gpu-b200", nightly=True)
            register_cuda_ci(est_time=10, suite="nightly-4-gpu-gb300", nightly=True)
            register_amd_ci(est_time=10, suite="stage-c-test-large-8-gpu-amd-mi35x")
            """);
        var c = CoverageAnalyzer.Analyze(checkout.Root);

        Assert.Equal(
            [
                ("nightly-4-gpu-gb300", "gb300"), ("nightly-8-gpu-b200", "b200"), ("stage-c-test-4-gpu-b200", "b200"),
                ("stage-c-test-4-gpu-gb200", "gb200"), ("stage-c-test-8-gpu-h20", "h20"), ("stage-c-test-deepep-8-gpu-h200", "deepep"),
            ],
            c.NotCompared.Select(n => (n.Suite, n.Reason == HardwareSpecificSuites.Reason(HardwareSpecificSuites.Token(n.Suite)!) ? HardwareSpecificSuites.Token(n.Suite) : n.Reason)));
        Assert.All(c.NotCompared, n => Assert.Equal(CiPlatform.Nvidia, n.Platform));
        var eight = Assert.Single(c.Categories, x => x.Name == "unit-test-backend-8-gpu");
        Assert.Equal(["stage-c-test-8-gpu-h200"], eight.NvidiaSuites); // H200 is the standard 8-GPU runner, as era A's per-commit-8-gpu-h200
        Assert.Equal(["stage-c-test-4-gpu-h100"], Assert.Single(c.Categories, x => x.Name == "unit-test-backend-4-gpu").NvidiaSuites);
        Assert.DoesNotContain(c.Categories, x => x.Nightly);
    }

    [Theory]
    [InlineData("per-commit-4-gpu-b200", "b200")]
    [InlineData("per-commit-8-gpu-deepep", "deepep")]
    [InlineData("per-commit-8-gpu-h20", "h20")]
    [InlineData("per-commit-8-gpu-h200", null)]
    [InlineData("stage-b-test-small-1-gpu", null)]
    [InlineData("stage-c-test-4-gpu-GB300", "gb300")]
    public void Hardware_tokens_match_whole_name_parts(string suite, string? token) =>
        Assert.Equal(token, HardwareSpecificSuites.Token(suite));

    [Fact]
    public void Era_a_hardware_suites_share_the_reason()
    {
        using var checkout = new TempCheckout().WithEraA();
        var c = CoverageAnalyzer.Analyze(checkout.Root);

        Assert.Equal(HardwareSpecificSuites.Reason("b200"), Assert.Single(c.NotCompared, n => n.Suite == "per-commit-4-gpu-b200").Reason);
    }

    [Fact]
    public void Annotated_suites_assignment_is_read()
    {
        var warnings = new List<CoverageWarning>();
        var tests = SuiteDictionaryReader.ReadSource("""
            from typing import Dict, List

            suites: Dict[str, List[TestFile]] = {
                "per-commit-1-gpu": [TestFile("test_a.py", 10), TestFile("test_b.py")],
            }
            suite_amd: dict[str, list["TestFile"]] = {"per-commit-amd": [TestFile("test_a.py", 12)]}
            suites.update(suite_amd)
            count: int
            """, warnings);

        Assert.Empty(warnings);
        Assert.Equal(
            [("srt/test_a.py", "per-commit-1-gpu", 10d), ("srt/test_b.py", "per-commit-1-gpu", 60d), ("srt/test_a.py", "per-commit-amd", 12d)],
            tests.Select(t => (t.File, t.Suite, t.EstimatedSeconds!.Value)));
    }

    [Fact]
    public void Era_a_odd_syntax_gives_results_and_warnings_never_an_exception()
    {
        using var checkout = new TempCheckout().Write("test/srt/run_suite.py", """
            N = 2
            suites = {
                "per-commit-1-gpu": [TestFile("test_a.py", 10), TestFile("test_b.py")],
                f"per-commit-{N}-gpu": [TestFile("test_f.py")],
            }
            suite_amd = {
                "per-commit-amd": [TestFile("test_a.py"),
            """);
        var c = CoverageAnalyzer.Analyze(checkout.Root);

        var oneGpu = Assert.Single(c.Categories, x => x.Name == "unit-test-backend-1-gpu");
        Assert.Equal(2, oneGpu.NvidiaTests);
        Assert.Equal(0, Assert.Single(c.Categories, x => x.Name == "unit-test-backend-2-gpu").NvidiaTests);
        var registry = c.Warnings.Where(w => w.File == SuiteDictionaryReader.RelativePath).Select(w => w.ToString()).ToList();
        Assert.Contains(registry, w => w.Contains(":4: suite name that is not a string literal", StringComparison.Ordinal));
        Assert.Contains(registry, w => w.Contains("never closed", StringComparison.Ordinal));
        Assert.Equal(registry.Count, registry.Distinct().Count());
        Assert.True(registry.Count <= 4, string.Join("\n", registry));
        Assert.Equal(1, oneGpu.AmdTests); // the entry read before end of file still counts (suite_amd is never merged: said, counted anyway)
    }
}
