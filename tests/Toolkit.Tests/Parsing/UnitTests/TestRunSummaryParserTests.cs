using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.UnitTests;

namespace SglangCi.Toolkit.Tests.Parsing.UnitTests;

public sealed class TestRunSummaryParserTests
{
    private const string Root = "test/unit-test-backend-8-gpu-CAR-amd";

    [Fact]
    public void Seed_log_passed_run_reads_ran_and_ok()
    {
        // The whole old log, header and footer included: the runner's lines are found wherever they are.
        var s = TestRunSummaryParser.Parse(SeedText(Root + "/mi35x/v0.5.6.post1-rocm700-mi35x-20251209.log"), "seed.log")!;
        Assert.Equal((TestRunner.Unittest, 2, 183.519, "Ran 2 tests in 183.519s", 276), (s.Runner, s.Ran, s.DurationS, s.Text, s.Line));
        Assert.True(s.Ok);
        Assert.Equal(("OK", 278), (s.Verdict!.Text, s.Verdict.Line));
        Assert.Equal(0, s.NotPassed);
    }

    [Fact]
    public void Seed_log_with_errors_reads_the_failed_verdict()
    {
        var s = TestRunSummaryParser.Parse(SeedText(Root + "/mi30x/v0.5.4.post3-rocm630-mi30x-20251105.log"), "seed.log")!;
        Assert.Equal((2, 11.642), (s.Ran, s.DurationS)); // Ran 2 tests in 11.642s
        Assert.False(s.Ok);
        Assert.Equal((2, (int?)null, "FAILED (errors=2)"), (s.Verdict!.Errors, s.Verdict.Failures, s.Verdict.Text));
        Assert.Equal(2, s.NotPassed);
    }

    [Fact]
    public void Seed_log_of_a_killed_run_has_no_summary()
    {
        Assert.Null(TestRunSummaryParser.Parse(SeedText(Root + "/mi35x/v0.5.3.post2-rocm700-mi35x-20251016.log"), "seed.log"));
    }

    [Theory]
    [InlineData("Ran 1 test in 0.5s\n\nOK (skipped=1)\n", 1, true, null, null, 1)]
    [InlineData("Ran 5 tests in 3.2s\n\nFAILED (failures=1, errors=2, skipped=1)\n", 5, false, 1, 2, 1)]
    public void Plain_unittest_output(string output, int ran, bool ok, int? failures, int? errors, int? skipped)
    {
        var s = TestRunSummaryParser.Parse(output, "out")!;
        Assert.Equal((ran, ok), (s.Ran, s.Ok));
        Assert.Equal((failures, errors, skipped), (s.Verdict!.Failures, s.Verdict.Errors, s.Verdict.Skipped));
    }

    [Fact]
    public void Unittest_summary_without_verdict_is_not_ok()
    {
        var s = TestRunSummaryParser.Parse("test_a ... ok\nRan 2 tests in 1.0s\nKilled\n", "out")!;
        Assert.Null(s.Verdict);
        Assert.False(s.Ok);
    }

    [Theory]
    [InlineData("======== 3 passed, 1 failed in 2.31s ========", 4, false, 3, 1, null)]
    [InlineData("==== 2 passed, 1 skipped, 3 warnings in 10.00s (0:00:10) ====", 3, true, 2, null, null)]
    [InlineData("1 failed, 1 error in 0.12s", 2, false, null, 1, 1)]
    [InlineData("=== 2 errors in 0.50s ===", 2, false, null, null, 2)]
    public void Pytest_summary_lines(string line, int ran, bool ok, int? passed, int? failures, int? errors)
    {
        var s = TestRunSummaryParser.Parse($"collected 4 items\n\n{line}\n", "out")!;
        Assert.Equal(TestRunner.Pytest, s.Runner);
        Assert.Equal((ran, ok), (s.Ran, s.Ok));
        Assert.Equal((passed, failures, errors), (s.Verdict!.Passed, s.Verdict.Failures, s.Verdict.Errors));
        Assert.DoesNotContain("==", s.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pytest_with_no_tests_is_not_ok()
    {
        var s = TestRunSummaryParser.Parse("===== no tests ran in 0.01s =====\n", "out")!;
        Assert.Equal((0, false), (s.Ran, s.Ok));
    }

    [Theory]
    [InlineData("loaded the model in 2.5s")]
    [InlineData("=== 3 apples in 2s ===")]
    [InlineData("Ran out of memory in 2s")]
    public void Other_lines_are_not_summaries(string line) => Assert.Null(TestRunSummaryParser.Parse(line + "\n", "out"));

    [Fact]
    public void Unreadable_unittest_counts_name_the_line()
    {
        var e = Assert.Throws<OutputParseException>(() => TestRunSummaryParser.Parse("Ran 2 tests in 1.0s\n\nFAILED (errors=two)\n", "out"));
        Assert.Equal(3, e.Line);
    }

    [Theory]
    [InlineData("sh|-c|cd /sgl-workspace/sglang/test/manual && CUDA_VISIBLE_DEVICES=0,1 python3 -m unittest test_custom_allreduce.TestCustomAllReduce", TestRunner.Unittest, "test_custom_allreduce")]
    [InlineData("python3|-m|pytest|-x|test/srt/test_radix_cache.py::TestRadix::test_insert", TestRunner.Pytest, "test_radix_cache")]
    [InlineData("/usr/bin/python|-m|unittest|sglang.test.test_utils.TestX", TestRunner.Unittest, "test_utils")]
    [InlineData("env|A=1|python3|-m|unittest", TestRunner.Unittest, TestCommand.DefaultName)]
    public void Test_command_names_its_test_module(string argv, TestRunner runner, string name)
    {
        var command = TestCommand.TryParse(argv.Split('|'))!;
        Assert.Equal((runner, name), (command.Runner, command.Name));
    }

    [Fact]
    public void Test_command_reads_the_inline_environment_and_ignores_other_commands()
    {
        var command = TestCommand.TryParse(["sh", "-c", "cd /x && SGLCI_SIM_UNITTEST=fail CUDA_VISIBLE_DEVICES=0 python3 -m unittest t.T"])!;
        Assert.Equal("fail", command.Environment["SGLCI_SIM_UNITTEST"]);
        Assert.Equal(["t.T"], command.Targets);
        Assert.Null(TestCommand.TryParse(["python3", "-m", "sglang.bench_one_batch", "--model-path", "m"]));
        Assert.Null(TestCommand.TryParse(["sh", "-c", "ls /tmp"]));
    }

    private static string SeedText(string relativePath) => File.ReadAllText(TestPaths.SeedFile(relativePath));
}
