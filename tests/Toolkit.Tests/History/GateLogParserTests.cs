using SglangCi.Toolkit.History.Online;
using SglangCi.Toolkit.History.Records;

namespace SglangCi.Toolkit.Tests.History;

/// <summary>The old CI's GSM8K gate log, on real files: a pass under the mean rule, a fail below threshold, and a crash.</summary>
public sealed class GateLogParserTests
{
    [Fact]
    public void A_passed_gate_keeps_every_trial_with_its_threshold_and_rule()
    {
        const string path = "online_benchmark_log/mi30x/GROK2/v0.5.3.post3-rocm700-mi30x-20251018_GROK2_FP8_online/sglang_client_log_GROK2_gsm8k_aiter.log";
        var gate = GateLogParser.Parse(HistorySeed.Text(path), path, "run");

        Assert.Equal((HistoryGate.Passed, HistoryGate.MeanRule), (gate.Outcome, gate.Rule));
        Assert.Equal(0.8, gate.Threshold); // "Average accuracy meets threshold (0.8) for mode aiter."
        Assert.Equal([1, 2, 3, 4, 5], gate.Trials.Select(t => t.Trial));
        Assert.Equal([0.929, 0.929, 0.929, 0.926, 0.931], gate.Trials.Select(t => t.Accuracy)); // "Run i: Accuracy: …" lines 9, 17, 25, 33, 41
        Assert.All(gate.Trials, t => Assert.NotNull(t.LatencyS));
        Assert.Equal(path, gate.Source.Path);
    }

    [Fact]
    public void A_gate_below_threshold_has_the_printed_average_and_threshold()
    {
        const string path = "online_benchmark_log/mi30x/DeepSeek-V3-0324/v0.5.5.post2-rocm700-mi30x-20251113_DeepSeek-V3-0324_FP8_online/sglang_client_log_DeepSeek-V3-0324_gsm8k.log";
        var gate = GateLogParser.Parse(HistorySeed.Text(path), path, "run");

        // Line 257: "Average accuracy (0.000) is below threshold (0.93)." after five runs whose accuracy was never printed.
        Assert.Equal((HistoryGate.BelowThreshold, 0.0, 0.93, 257), (gate.Outcome, gate.Accuracy!.Value, gate.Threshold!.Value, gate.Source.Line));
        Assert.Empty(gate.Trials);
    }

    [Fact]
    public void A_log_without_a_verdict_is_a_gate_without_result()
    {
        const string text = "Starting GSM8K accuracy test at: 2025-12-06 15:18:07 PST\nExecuting GSM8K test Run 1 ...\nAccuracy: 0.929\nInvalid: 0.000\nLatency: 120.011 s\nOutput throughput: 1121.598 token/s\nRun 1 completed in 126 seconds\n";
        var gate = GateLogParser.Parse(text, "g.log", "run");

        Assert.Equal(HistoryGate.NoResult, gate.Outcome);
        Assert.Null(gate.Threshold);
        Assert.Null(gate.Accuracy);
        var trial = Assert.Single(gate.Trials);
        Assert.Equal((1, 0.929, 0.0, 120.011, 1121.598, 3), (trial.Trial, trial.Accuracy, trial.Invalid!.Value, trial.LatencyS!.Value, trial.OutputThroughput!.Value, trial.Source.Line));
    }

    [Fact]
    public void Early_exit_is_recognised_as_its_own_rule()
    {
        const string text = "Executing GSM8K test Run 1 ...\nAccuracy: 0.951\nInvalid: 0.000\nLatency: 30.0 s\n  🚀 Passed on run 1, skipping remaining 4 run(s)\nAccuracy: 0.951 (Required: 0.93)\nAccuracy meets threshold (0.93)\n";
        var gate = GateLogParser.Parse(text, "g.log", "run");

        Assert.Equal((HistoryGate.Passed, HistoryGate.EarlyExitRule, 0.93, 0.951), (gate.Outcome, gate.Rule, gate.Threshold!.Value, gate.Accuracy!.Value));
    }
}
