using SglangCi.Toolkit.History.Sanity;
using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.Tests.History;

public sealed class SanitySummaryParserTests
{
    private const string Root = "test/sanity_check_log";

    private static SanitySummary Parse(string relativePath) =>
        SanitySummaryParser.Parse(HistorySeed.Text(relativePath), relativePath, HistorySeed.FolderTag(relativePath));

    [Fact]
    public void Max_era_with_cuda_graph_retry_and_startup_failures()
    {
        const string file = Root + "/mi30x/v0.5.6-rocm700-mi30x-20251208/timing_summary_20251208_084043.log";
        var s = Parse(file);

        // lines 3-8 of the header
        Assert.Equal(new DateTimeOffset(2025, 12, 8, 8, 40, 43, TimeSpan.FromHours(-8)), s.StartedAt);
        Assert.Equal("dell300x-pla-t10-23", s.Machine);
        Assert.Equal("mi30x", s.Platform);
        Assert.Equal(["GPT-OSS-120B", "GPT-OSS-20B", "QWEN-30B", "GROK1-IN4", "GROK1-FP8", "GROK2.5", "llama4"], s.DeclaredModels);
        Assert.Equal(3, s.TrialsPerModel);
        Assert.Equal("v0.5.6-rocm700-mi30x-20251208", s.Image.Tag);
        Assert.True(s.ImageFromFile);

        // QWEN-30B and GROK1-IN4 each have two sections (lines 39/45 and 50/56); 9 sections for 7 models.
        Assert.Equal(9, s.Attempts.Count);
        var gpt = s.Attempts[0];
        Assert.Equal(new SglangCi.Toolkit.History.SourceRef(file, 11), gpt.Source);
        Assert.Equal(161.21, gpt.ServerStartupS);
        Assert.Equal([0.001, 0.001, 0.001], gpt.Trials.Select(t => t.Accuracy));
        Assert.All(gpt.Trials, t => Assert.Equal(SanityTrialOutcome.Fail, t.Outcome));
        Assert.Equal(90.09, gpt.Trials[0].TimeS); // line 14
        Assert.Equal(14, gpt.Trials[0].Source.Line);
        Assert.False(gpt.FinalPassed);
        Assert.Equal(SanityAccuracyRule.Max, gpt.AccuracyRule); // line 20: Highest accuracy: 0.001 (Required: 0.820)
        Assert.Equal(0.001, gpt.ReportedAccuracy);
        Assert.Equal(0.820, gpt.RequiredAccuracy);
        Assert.Equal(400.95, gpt.TotalTimeS);

        var qwen = s.Attempts.Where(a => a.Model == "QWEN-30B").ToList();
        Assert.Equal(2, qwen.Count);
        Assert.True(qwen[0].ServerStartupFailed); // line 41: FAILED after 91.11s
        Assert.Equal(91.11, qwen[0].ServerStartupS);
        Assert.Equal("Kernel compilation deadlock (49ffeed9 (28 workers waiting))", qwen[0].StartupError); // line 42
        Assert.True(qwen[0].RetryFollows); // line 43
        Assert.False(qwen[0].CudaGraphDisabled);
        Assert.True(qwen[1].CudaGraphDisabled); // line 47
        Assert.True(qwen[1].ServerStartupFailed); // line 48: FAILED after 300.42s, no Error line
        Assert.Null(qwen[1].StartupError);
        Assert.False(qwen[1].RetryFollows);
        Assert.Empty(qwen[1].Trials);

        var grokRetry = s.Attempts.Last(a => a.Model == "GROK1-IN4");
        Assert.True(grokRetry.CudaGraphDisabled);
        Assert.Equal(113.68, grokRetry.ServerStartupS);
        Assert.True(grokRetry.FinalPassed); // line 64

        // trailer, lines 105-120
        Assert.True(s.Complete);
        Assert.Equal((7, 7, 3, 4, 0), (s.ModelsTotal, s.ModelsTested, s.ModelsPassed, s.ModelsFailed, s.ModelsSkipped));
        Assert.Equal(2270.63, s.TotalExecutionS);
        Assert.Equal(new DateTimeOffset(2025, 12, 8, 9, 18, 34, TimeSpan.FromHours(-8)), s.EndedAt);
        Assert.Equal(7, s.Trailer.Count);
        Assert.Equal(new SanityTrailerLine("llama4", SanityOutcome.Fail, new(file, 120)), s.Trailer[^1]);

        var verdicts = s.Verdicts().ToDictionary(v => v.Model);
        Assert.Equal(7, verdicts.Count);
        Assert.Equal(new SanityVerdict("QWEN-30B", SanityOutcome.Fail, SanityVerdictBasis.StartupFailure, new(file, 45)), verdicts["QWEN-30B"]);
        Assert.Equal(new SanityVerdict("GROK1-IN4", SanityOutcome.Pass, SanityVerdictBasis.FinalResult, new(file, 64)), verdicts["GROK1-IN4"]);
        Assert.Equal(new SanityVerdict("llama4", SanityOutcome.Fail, SanityVerdictBasis.StartupFailure, new(file, 99)), verdicts["llama4"]);
        Assert.Equal("Code bug - AttributeError: 'Llama4TextConfig' object has no attribute 'rope_theta'", s.Attempts[^1].StartupError); // line 102
        Assert.Equal(3, verdicts.Values.Count(v => v.Outcome == SanityOutcome.Pass)); // agrees with 'Models passed: 3/7'
    }

    [Fact]
    public void Mean_era_without_machine_line_and_skips_without_launch_command()
    {
        const string file = Root + "/mi30x/v0.5.3.post3-rocm700-mi30x-20251018/timing_summary_20251018_093256.log";
        var s = Parse(file);
        Assert.Null(s.Machine); // header lines 3-7 have no Machine line
        Assert.Equal(new DateTimeOffset(2025, 10, 18, 9, 32, 56, TimeSpan.FromHours(-7)), s.StartedAt); // PDT
        var gpt = s.Attempts[0];
        Assert.Equal(SanityAccuracyRule.Mean, gpt.AccuracyRule); // line 19: Average accuracy: 0.852 (Required: 0.820)
        Assert.Equal(0.852, gpt.ReportedAccuracy);
        Assert.Equal(0.820, gpt.RequiredAccuracy);
        Assert.Equal([0.861, 0.831, 0.864], gpt.Accuracies); // line 18
        Assert.Equal(0.520, s.Attempts[1].RequiredAccuracy); // line 33: GPT-OSS-20B's threshold was still 0.520

        // lines 51, 53, 69: 'MODEL: SKIPPED (no launch command for mi30x)'
        Assert.Equal(
            [("DeepSeek-V3", 51), ("GROK1-IN4", 53), ("GROK2.5", 69)],
            s.Skips.Select(k => (k.Model, k.Source.Line)));
        Assert.All(s.Skips, k => Assert.Equal("no launch command for mi30x", k.Reason));
        Assert.Equal(SanityOutcome.Skipped, s.VerdictFor("GROK1-IN4")!.Outcome);
        Assert.DoesNotContain(s.Attempts, a => a.Model == "GROK1-IN4");
    }

    [Fact]
    public void Server_died_and_no_accuracy_trials()
    {
        const string file = Root + "/mi35x/v0.5.3.post1-rocm700-mi35x-20251013/timing_summary_20251013_130042.log";
        var llama = Parse(file).Attempts.Single(a => a.Model == "llama4"); // section at line 86
        Assert.Equal(86, llama.Source.Line);
        Assert.Equal(3, llama.Trials.Count);
        Assert.Equal(new SanityTrial(1, SanityTrialOutcome.Pass, 0.933, 23.02, null, new(file, 89)), llama.Trials[0]);

        var noAccuracy = llama.Trials[1]; // line 90: FAIL [X] (No accuracy found in …, Time: 429.44s)
        Assert.Equal(SanityTrialOutcome.Fail, noAccuracy.Outcome);
        Assert.Null(noAccuracy.Accuracy);
        Assert.Equal(429.44, noAccuracy.TimeS);
        Assert.StartsWith("No accuracy found in /mnt/raid/", noAccuracy.Detail, StringComparison.Ordinal);

        var died = llama.Trials[2]; // line 91: FAILED - Server process died
        Assert.Equal(new SanityTrial(3, SanityTrialOutcome.ServerDied, null, null, "Server process died", new(file, 91)), died);
        Assert.False(llama.FinalPassed); // line 93
        Assert.Equal([0.933, 0.0, 0.0], llama.Accuracies); // line 94: the seed wrote 0.0 for missing accuracies
        Assert.Equal(SanityAccuracyRule.Mean, llama.AccuracyRule); // line 95: Average accuracy: 0.311 (Required: 0.800)
        Assert.Equal(0.311, llama.ReportedAccuracy);
        Assert.Equal(0.800, llama.RequiredAccuracy);
    }

    [Fact]
    public void All_models_skipped_for_missing_weights()
    {
        const string file = Root + "/mi30x/v0.5.6-rocm700-mi30x-20251204/timing_summary_20251205_034038.log";
        var s = Parse(file);
        Assert.Empty(s.Attempts);
        Assert.Equal(7, s.Skips.Count);
        Assert.Equal(new SanitySkip("GPT-OSS-120B", "Model path does not exist: /data/lmsys/gpt-oss-120b-bf16", new(file, 9)), s.Skips[0]);
        Assert.Equal((7, 0, 0, 0, 7), (s.ModelsTotal, s.ModelsTested, s.ModelsPassed, s.ModelsFailed, s.ModelsSkipped)); // 'Models passed: 0 (no models tested)'
        Assert.All(s.Verdicts(), v => Assert.Equal(SanityOutcome.Skipped, v.Outcome));
        Assert.Equal(7, s.Verdicts().Count);
    }

    [Fact]
    public void Truncated_summary_leaves_the_running_model_undecided()
    {
        const string file = Root + "/mi30x/v0.5.6-rocm700-mi30x-20251207/timing_summary_20251207_102859.log";
        var s = Parse(file); // 12 lines: header and the first section's start time
        Assert.False(s.Complete);
        Assert.Equal("GPT-OSS-120B", Assert.Single(s.Attempts).Model);
        Assert.Null(s.VerdictFor("GPT-OSS-120B"));
        Assert.Empty(s.Verdicts());
    }

    [Fact]
    public void Empty_summary_is_rejected()
    {
        // 0 bytes in the tree: nothing says what ran, so the importer reports and skips it
        const string file = Root + "/mi30x/v0.5.3rc0-rocm630-mi30x-20251004/timing_summary_20251004_140955.log";
        var e = Assert.Throws<OutputParseException>(() => Parse(file));
        Assert.Equal((file, 1), (e.File, e.Line));
        Assert.Contains("the file is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void First_pass_era_with_early_exit_synthetic()
    {
        // The seed-history tree ends before 2025-12-12, so this era's shape is taken from the inventory's sample (§2.7).
        const string text = """
            SGLang Sanity Check Timing Summary
            ==================================================
            Start time: 2025-12-17 08:16:17 PST
            Machine: dell300x-pla-t10-23
            Platform: mi30x
            Models: GPT-OSS-120B
            Trials per model: 3
            ==================================================

            === GPT-OSS-120B on mi30x ===
            Start time: 2025-12-17 08:16:17 PST
            Server startup: 171.23s
            Trial 1: FAIL [X] (Accuracy: 0.801, Time: 143.15s)
            Trial 2: PASS [OK] (Accuracy: 0.863, Time: 140.00s)
            Early exit: Passed on trial 2, skipped 1 trial(s)
            Trial 3: FAIL [X] (Benchmark timeout after 600s, Time: 600.00s)
            Server shutdown: 0.52s
            Final result: PASS [OK]
            Accuracy: 0.801 (Required: 0.820)
            Total time: 314.91s
            End time: 2025-12-17 08:21:32 PST
            """;
        var folder = HistorySeed.Tag("v0.5.6.post2-rocm700-mi30x-20251216");
        var s = SanitySummaryParser.Parse(text, "x/timing_summary.log", folder);
        Assert.Same(folder, s.Image); // no Docker image line: the folder's tag
        Assert.False(s.ImageFromFile);
        var a = Assert.Single(s.Attempts);
        Assert.Equal(SanityAccuracyRule.FirstPass, a.AccuracyRule);
        Assert.Equal(0.801, a.ReportedAccuracy); // trial 1's, although trial 2 passed
        Assert.Equal(2, a.EarlyExitAfterTrial);
        Assert.Equal(SanityTrialOutcome.Timeout, a.Trials[2].Outcome);
        Assert.Equal("Benchmark timeout after 600s", a.Trials[2].Detail);
        Assert.Equal(SanityOutcome.Pass, s.VerdictFor("GPT-OSS-120B")!.Outcome);
        Assert.False(s.Complete);
    }

    [Fact]
    public void Every_seed_timing_summary_parses()
    {
        var files = HistorySeed.Files(Root, n => n.StartsWith("timing_summary_", StringComparison.Ordinal));
        Assert.True(files.Count >= 100, $"only {files.Count} timing summaries");
        var rules = new HashSet<SanityAccuracyRule>();
        var retries = 0;
        var rejected = new List<string>();
        foreach (var file in files)
        {
            if (HistorySeed.Text(file).Length == 0)
            {
                rejected.Add(file);
                continue;
            }

            var s = Parse(file);
            var hardware = file.Split('/')[2];
            Assert.Equal(hardware, s.Platform);
            Assert.Equal(hardware, s.Image.Hardware);
            Assert.True(s.StartedAt is not null, file);
            Assert.True(s.TrialsPerModel is >= 1, file);
            Assert.NotEmpty(s.DeclaredModels);
            retries += s.Attempts.Count(a => a.CudaGraphDisabled);
            foreach (var a in s.Attempts)
            {
                Assert.Equal(hardware, a.Hardware);
                Assert.All(a.Trials, t => Assert.True(t.Accuracy is null or (>= 0 and <= 1), $"{t.Source}"));
                Assert.True(a.Trials.Count <= s.TrialsPerModel, $"{a.Source}");
                if (a.AccuracyRule is { } rule)
                {
                    rules.Add(rule);
                }
            }

            if (s.Complete)
            {
                // every model the trailer names is decided, and a decided pass/fail agrees with the trailer line
                foreach (var line in s.Trailer)
                {
                    var verdict = s.VerdictFor(line.Model);
                    Assert.True(verdict is not null, $"{line.Source}");
                    Assert.True(verdict.Outcome == line.Outcome, $"{line.Source}: trailer says {line.Outcome}, decided {verdict.Outcome} from {verdict.Source}");
                }

                if (s.ModelsPassed is { } passed && s.Trailer.Count > 0)
                {
                    Assert.Equal(passed, s.Trailer.Count(t => t.Outcome == SanityOutcome.Pass));
                }
            }
        }

        Assert.Equal([Root + "/mi30x/v0.5.3rc0-rocm630-mi30x-20251004/timing_summary_20251004_140955.log"], rejected);
        Assert.Equal([SanityAccuracyRule.Mean, SanityAccuracyRule.Max], rules.Order());
        Assert.Equal(25, retries); // 25 'Note: Running with --disable-cuda-graph fallback' lines in the tree
    }

    [Fact]
    public void Malformed_inputs_name_file_and_line()
    {
        var tag = HistorySeed.Tag("v0.5.6-rocm700-mi30x-20251208");
        var notSummary = Assert.Throws<OutputParseException>(() => SanitySummaryParser.Parse("\nhello\n", "a/t.log", tag));
        Assert.Equal(("a/t.log", 2), (notSummary.File, notSummary.Line));

        const string badTrial = "SGLang Sanity Check Timing Summary\n=====\n\n=== M on mi30x ===\nTrial 1: MAYBE\n";
        var e = Assert.Throws<OutputParseException>(() => SanitySummaryParser.Parse(badTrial, "a/t.log", tag));
        Assert.Equal(5, e.Line);
        Assert.StartsWith("a/t.log:5: expected 'Trial i: PASS [OK]", e.Message, StringComparison.Ordinal);

        const string badTime = "SGLang Sanity Check Timing Summary\nStart time: 2025-12-08 08:40:43 XYZ\n";
        Assert.Equal(2, Assert.Throws<OutputParseException>(() => SanitySummaryParser.Parse(badTime, "a/t.log", tag)).Line);
    }
}
