using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Grains.Runs;

/// <summary>GSM8K against a running engine, trial by trial, as bench_sglang.py runs it.</summary>
public sealed partial class RunContext
{
    /// <summary>
    /// Up to <see cref="Gsm8kPlan.Trials"/> evaluations, stopping early where the plan's rule allows, and the rule's
    /// decision. Mostly-failed requests mean a broken engine, not a poor model: that fails the run instead.
    /// </summary>
    /// <param name="maxNewTokens">Tokens per answer; null: bench_sglang.py's 512.</param>
    /// <param name="firstTrial">Number of the first trial, for a caller that ran the ones before it on its own.</param>
    public async Task<Gsm8kGateResult> RunGsm8kAsync(Uri baseUrl, Gsm8kPlan plan, int? maxNewTokens = null, int firstTrial = 1)
    {
        IReadOnlyList<Gsm8kItem> dataset;
        try
        {
            dataset = await _services.Dataset.LoadAsync(CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"GSM8K dataset unavailable: {e.Message}", e);
        }

        using var http = CreateEngineClient();
        var evaluator = new Gsm8kEvaluator(http);
        var trials = new List<Gsm8kTrialResult>();
        var options = new Gsm8kOptions(baseUrl, plan.Questions, plan.Shots, plan.Parallel);
        options = maxNewTokens is { } tokens ? options with { MaxNewTokens = tokens } : options;
        var lastTrial = firstTrial + plan.Trials - 1;
        for (var trial = firstTrial; trial <= lastTrial; trial++)
        {
            var result = await evaluator.RunAsync(dataset, options, null, CancellationToken);
            if (result.Failed * 2 > result.Questions)
            {
                throw new RunFailedException($"GSM8K requests failed: {result.FirstError ?? "no error recorded"}");
            }

            var recorded = new Gsm8kTrialResult(trial, result.Accuracy, result.Invalid, result.LatencySeconds, result.OutputThroughput, result.Questions);
            trials.Add(recorded);
            await LogAsync(RunLogText.Gsm8kTrial(recorded, lastTrial));
            if (Gsm8kGateRules.StopsAfter(plan, recorded))
            {
                break;
            }
        }

        return Gsm8kGateRules.Decide(plan, trials);
    }
}
