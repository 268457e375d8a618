using SglangCi.Toolkit.History;
using SglangCi.Toolkit.Upstream.Coverage;

namespace SglangCi.Toolkit.Tests.Upstream;

public sealed class RegistryReaderTests
{
    private readonly List<CoverageWarning> _warnings = [];

    [Fact]
    public void Era_a_reads_suites_updates_and_item_assignments_and_skips_commented_entries()
    {
        var tests = SuiteDictionaryReader.ReadSource(Fixtures.RunSuite, _warnings);

        Assert.Empty(_warnings);
        Assert.DoesNotContain(tests, t => t.File.Contains("disabled_by_comment", StringComparison.Ordinal) || t.Suite == "ignored-inside-main");
        var metrics = Assert.Single(tests, t => t.Suite == "per-commit-1-gpu" && t.File == "srt/test_metrics.py");
        Assert.Equal(32, metrics.EstimatedSeconds); // keyword estimated_time=
        Assert.Equal(new SourceRef("test/srt/run_suite.py", 17), metrics.Source);
        Assert.Equal(60, Assert.Single(tests, t => t.File == "srt/test_only_nvidia.py").EstimatedSeconds); // the dataclass default
        Assert.Equal(3, tests.Count(t => t.Suite == "per-commit-amd")); // the fourth is commented out
        Assert.Equal(["srt/test_local_attn.py", "srt/test_pp_single_node.py"], tests.Where(t => t.Suite == "per-commit-4-gpu").Select(t => t.File).Order());
        Assert.Contains(tests, t => t.Suite == "per-commit-cpu"); // suite_xeon merged too
        Assert.All(tests, t => Assert.Equal(RegistryLayout.SuiteDictionary, t.Layout));
        Assert.True(Assert.Single(tests, t => t.Suite == "nightly-amd").Nightly);
    }

    [Fact]
    public void Era_a_warns_about_entries_it_cannot_take_as_data()
    {
        var tests = SuiteDictionaryReader.ReadSource("""
            suites = {
                "per-commit": [TestFile("ok.py"), TestFile(NAME), make_tests(), "plain.py"],
                "per-commit-2-gpu": build(),
            }
            suite_amd = {"per-commit-amd": [TestFile("ok.py", 5)]}
            """, _warnings);

        Assert.Equal(["srt/ok.py", "srt/plain.py", "srt/ok.py"], tests.Select(t => t.File));
        Assert.Equal(
            [
                "test/srt/run_suite.py:2: TestFile in suite 'per-commit' has a name or estimated time that is not a literal; skipped",
                "test/srt/run_suite.py:2: entry of suite 'per-commit' is not TestFile(\"…\"[, seconds]); skipped",
                "test/srt/run_suite.py:3: suite 'per-commit-2-gpu' is not a list literal; skipped",
                "test/srt/run_suite.py:5: 'suite_amd' is never merged with suites.update(); its suites are counted anyway",
            ],
            _warnings.Select(w => w.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Era_b_reads_positional_keyword_stage_disabled_nightly_and_several_backends()
    {
        using var checkout = new TempCheckout().WithEraB();
        var tests = RegistrationCallReader.Read(checkout.Root, _warnings);

        Assert.Empty(_warnings);
        Assert.DoesNotContain(tests, t => t.Suite == "indented-so-ignored");
        Assert.Equal(["amd", "cpu", "cuda"], tests.Where(t => t.File == "registered/test_basic.py").Select(t => t.Backend!).Order());
        var positional = Assert.Single(tests, t => t.File == "registered/models/llm/test_positional.py" && t.Backend == "amd");
        Assert.Equal(("stage-b-test-large-2-gpu-amd", 220d, false, (string?)null), (positional.Suite, positional.EstimatedSeconds!.Value, positional.Nightly, positional.DisabledReason));
        Assert.Equal(new SourceRef("test/registered/models/llm/test_positional.py", 2), positional.Source);
        Assert.Equal(["stage-c-test-4-gpu-amd", "stage-c-test-4-gpu-h100"], tests.Where(t => t.File == "registered/stage/test_stage.py").Select(t => t.Suite).Order());
        Assert.True(Assert.Single(tests, t => t.File == "registered/perf/test_nightly_perf.py").Nightly);
        Assert.Equal("flaky on MI300, see #123", Assert.Single(tests, t => t.IsDisabled).DisabledReason);
        Assert.Equal(2, tests.Count(t => t.File == "registered/deep/a/b/test_nested.py"));
    }

    [Fact]
    public void Era_b_survives_odd_syntax_and_says_where()
    {
        using var checkout = new TempCheckout();
        OddFiles.WriteTo(checkout);
        var tests = RegistrationCallReader.Read(checkout.Root, _warnings);

        Assert.Equal(
            [
                ("registered/odd/test_crlf_tabs.py", "stage-b-test-large-2-gpu"),
                ("registered/odd/test_crlf_tabs.py", "stage-b-test-large-2-gpu-amd"),
                ("registered/odd/test_fstring.py", "stage-b-test-small-1-gpu"),
                ("registered/odd/test_latin1.py", "stage-b-test-small-1-gpu-amd"),
                ("registered/odd/test_syntax_error.py", "stage-b-test-small-1-gpu"),
                ("registered/odd/test_unterminated.py", "stage-b-test-small-1-gpu"),
            ],
            tests.Select(t => (t.File, t.Suite)).Order());
        Assert.Equal(OddFiles.ExpectedWarnings, _warnings.Select(w => w.ToString()).Order(StringComparer.Ordinal));
    }
}
