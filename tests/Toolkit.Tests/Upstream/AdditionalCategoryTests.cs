using SglangCi.Toolkit.Upstream.Coverage;
using SglangCi.Toolkit.Upstream.Coverage.Python;

namespace SglangCi.Toolkit.Tests.Upstream;

public sealed class AdditionalCategoryTests
{
    private static IEnumerable<(string, int, int)> Counts(IEnumerable<AdditionalCategory> rows) => rows.Select(r => (r.Name, r.AmdTests, r.NvidiaTests));

    [Fact]
    public void Workflow_and_nightly_rows_count_exactly_as_worked_out_in_the_fixtures()
    {
        using var checkout = new TempCheckout().WithCiConfig();
        var warnings = new List<CoverageWarning>();
        List<AdditionalCategory> rows = [NightlyModelCounter.Count(checkout.Root, warnings), .. WorkflowCategories.Count(checkout.Root, warnings)];

        Assert.Empty(warnings);
        Assert.Equal(CiConfigFixtures.Expected, Counts(rows));
        Assert.Equal([true, false, false, false, false, false], rows.Select(r => r.Nightly));
        Assert.Equal([60, 0, 75, 50, 100, null], rows.Select(r => r.CoveragePercent));
    }

    [Fact]
    public void Workflow_jobs_keep_run_commands_only_with_continuations_joined()
    {
        var jobs = WorkflowJobs.Parse(CiConfigFixtures.NvidiaWorkflow);

        Assert.Equal(["unit-test-frontend", "performance-test-1-gpu-part-1", "performance-test-1-gpu-part-2", "performance-test-2-gpu", "accuracy-test-1-gpu"], jobs.Names);
        Assert.Equal(
            [
                "cd test/srt",
                "python3 -m unittest test_bench_one_batch.TestBenchOneBatch.test_bs1_small",
                "python3 -m unittest test_bench_one_batch.TestBenchOneBatch.test_bs1_default",
                "python3 -m unittest test_bench_serving.TestBenchServing.test_online_latency_default",
                "echo done",
            ],
            jobs.Commands("performance-test-1-gpu-part-1"));
        Assert.Empty(jobs.Commands("accuracy-test-2-gpu"));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("name: x\non: push\n", 0)]
    [InlineData("jobs:\n  a:\n    steps:\n      - run: |\n          python3 -m unittest t.T.test_x \\", 1)] // continuation at end of file
    [InlineData("jobs: {}\n", 0)]
    [InlineData("jobs:\n\ta:\n\t\tsteps: [{run: 'python3 -m unittest x'}]\n", 0)] // tabs and flow style: not understood, not fatal
    [InlineData("jobs:\n  a:\n    steps:\n      - run: \"python3 test_quoted.py\"\n", 1)]
    public void Odd_workflows_never_throw(string yaml, int tests)
    {
        var jobs = WorkflowJobs.Parse(yaml);

        Assert.Equal(tests, jobs.Names.Sum(j => jobs.Commands(j).Count(WorkflowTestCommand.RunsTest)));
    }

    [Theory]
    [InlineData("python3 -m unittest test_bench_serving.TestBenchServing.test_offline_throughput_default", true)]
    [InlineData("python3 test_eval_accuracy_large.py", true)]
    [InlineData("python3 -u ./srt/test_x.py --flag", true)]
    [InlineData("cd test/srt && python3 -m unittest x", true)]
    [InlineData("bash scripts/ci/amd_ci_exec.sh -w \"/sglang-checkout/test/srt\" python3 -m unittest x.Y.test_z", true)]
    [InlineData("bash scripts/ci/amd_ci_exec.sh -w \"/sglang-checkout/test/srt\" test_offline.py", true)]
    [InlineData("bash scripts/ci/amd_ci_exec.sh -w \"/sglang-checkout/test\" python3 run_suite.py --suite per-commit-amd", false)]
    [InlineData("python3 /sglang-checkout/test/srt/run_suite.py --suite per-commit", false)]
    [InlineData("python3 -m pytest test_kernels.py", false)]
    [InlineData("bash scripts/ci/amd_ci_start_container.sh", false)]
    [InlineData("echo python3-test.py", false)]
    public void Test_command_rule_follows_the_old_tool(string command, bool runsTest) =>
        Assert.Equal(runsTest, WorkflowTestCommand.RunsTest(command));

    [Fact]
    public void Missing_sources_still_give_every_row_as_zero_and_say_so_in_the_basis()
    {
        using var checkout = new TempCheckout();
        var warnings = new List<CoverageWarning>();
        List<AdditionalCategory> rows = [NightlyModelCounter.Count(checkout.Root, warnings), .. WorkflowCategories.Count(checkout.Root, warnings)];

        Assert.Equal(CiConfigFixtures.Expected.Select(e => (e.Name, 0, 0)), Counts(rows));
        Assert.All(rows, r => Assert.Null(r.CoveragePercent)); // written as 0,0,N/A, as the old unit-test-frontend row
        Assert.Empty(warnings); // a missing file is not unreadable content
        Assert.Equal(2, rows[0].Basis.Split("(not found: 0)").Length - 1);
        Assert.All(rows.Skip(1), r => Assert.EndsWith("(.github/workflows/pr-test.yml, .github/workflows/pr-test-amd.yml not found: 0)", r.Basis, StringComparison.Ordinal));
    }

    [Fact]
    public void Amd_nightly_falls_back_to_the_older_file_and_warns_without_a_threshold_dict()
    {
        using var checkout = new TempCheckout()
            .Write("test/run_suite_nightly.py", CiConfigFixtures.RunSuiteNightly)
            .Write("test/srt/test_nightly_gsm8k_eval_amd.py", "MODEL_SCORE_THRESHOLDS = dict(a=1)\n");
        var warnings = new List<CoverageWarning>();
        var row = NightlyModelCounter.Count(checkout.Root, warnings);

        Assert.Equal((0, 5), (row.AmdTests, row.NvidiaTests));
        Assert.Contains("test/srt/test_nightly_gsm8k_eval_amd.py", row.Basis, StringComparison.Ordinal);
        Assert.Equal("test/srt/test_nightly_gsm8k_eval_amd.py:1: no MODEL_SCORE_THRESHOLDS dict literal; AMD nightly models count 0", Assert.Single(warnings).ToString());
    }

    [Fact]
    public void Nightly_count_reads_annotated_dicts_and_item_assignments()
    {
        var warnings = new List<CoverageWarning>();
        var module = PythonModule.Read(CiConfigFixtures.RunSuiteNightly, "test/run_suite_nightly.py", warnings);

        Assert.Equal(5, NightlyModelCounter.CountNvidia(module));
        Assert.Empty(warnings);
    }
}
