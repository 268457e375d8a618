using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// The sanity check of one model on a new image: engine up, then K GSM8K trials (all of them), and the run passes when
/// their mean reaches the preset's threshold. The old script stopped at the first trial that passed, so a real drop hid
/// behind one lucky trial; every trial and their spread are stored instead. A failed check is a failed run.
/// A server that does not come up, or whose first trial's requests mostly fail, gets one more start with
/// <c>--disable-cuda-graph</c> (as the old script did for a hang in graph capture), recorded as a warning check.
/// </summary>
public sealed class SanityCheckKind : IRunKind
{
    public const string MeanCheck = "gsm8k-mean";
    public const string RetryCheck = "retry-without-cuda-graph";

    public RunMode Mode => RunMode.Sanity;

    public bool RunsPreLaunch => true;

    public async Task<RunOutcome> ExecuteAsync(RunContext run)
    {
        var plan = TrialPlan(run.Plan);
        var startedAt = run.Time.GetUtcNow();
        var (baseUrl, first) = await UpWithFirstTrialAsync(new Attempts(run, plan));
        var trials = new List<Gsm8kTrialResult> { first };
        if (plan.Trials > 1)
        {
            await run.LogAsync($"sanity trials 2-{plan.Trials} of {plan.Trials}");
            var rest = await run.RunGsm8kAsync(baseUrl, plan with { Trials = plan.Trials - 1 }, firstTrial: 2);
            trials.AddRange(rest.Trials);
        }

        var gate = Gsm8kGateRules.Decide(plan, trials);
        await run.LogAsync(RunLogText.Gsm8kGate(gate));
        await run.ReportGsm8kAsync(gate);
        var spread = Gsm8kSpread.Of(gate);
        await run.ReportCheckAsync(new RunCheckResult(
            MeanCheck, gate.Passed ? CheckStatus.Passed : CheckStatus.Failed, spread.Mean, run.Time.GetUtcNow() - startedAt, spread.Detail));

        await run.PhaseSkippedAsync(RunPhase.Benchmark);
        await run.PhaseStartedAsync(RunPhase.Collected);
        return gate.Passed ? RunOutcome.Succeeded : RunOutcome.Failed(spread.FailureReason);
    }

    /// <summary>The preset's GSM8K plan with the job's K trials (and question count, when it sets one) and the mean rule,
    /// whatever rule the preset's online gate uses.</summary>
    private static Gsm8kPlan TrialPlan(RunPlan plan)
    {
        var preset = plan.Gsm8k ?? throw new RunFailedException($"run '{plan.RunId}' has no GSM8K plan");
        var trials = plan.Options.Trials ?? SanityDefaults.Trials;
        if (trials < 1)
        {
            throw new RunFailedException($"a sanity check needs at least one trial (asked for {trials})");
        }

        var questions = plan.Options.Questions ?? preset.Questions;
        if (questions < 1)
        {
            throw new RunFailedException($"a sanity check needs at least one question per trial (asked for {questions})");
        }

        return preset with { Trials = trials, Questions = questions, Rule = Gsm8kGateRule.Mean };
    }

    /// <summary>
    /// The engine up and its first trial done, starting once more without CUDA graphs when the first start fails or the
    /// first trial's requests mostly fail (and the job allows the retry); a second failure fails the run with both reasons.
    /// </summary>
    private static async Task<(Uri BaseUrl, Gsm8kTrialResult First)> UpWithFirstTrialAsync(Attempts attempts)
    {
        var run = attempts.Run;
        var retry = run.Plan.Options.RetryWithoutCudaGraph ?? SanityDefaults.RetryWithoutCudaGraph;
        string why;
        try
        {
            var baseUrl = await attempts.StartAsync(run.Plan.Launch);
            return (baseUrl, await attempts.FirstTrialAsync(baseUrl));
        }
        catch (EngineStartException e) when (retry)
        {
            why = e.Message;
        }
        catch (RunFailedException e) when (retry && attempts.InFirstTrial)
        {
            why = $"first GSM8K trial: {e.Message}";
        }

        if (run.LastServer is { } failed)
        {
            await run.StopEngineAsync(failed);
        }

        await run.ReportCheckAsync(new RunCheckResult(RetryCheck, CheckStatus.Warning, null, null, $"{why}; starting once more with {SanityDefaults.DisableCudaGraphFlag}"));
        Uri retried;
        try
        {
            retried = await attempts.StartAsync(WithoutCudaGraph(run.Plan.Launch));
        }
        catch (EngineStartException e)
        {
            throw new RunFailedException($"{why}; retry with {SanityDefaults.DisableCudaGraphFlag}: {e.Message}");
        }

        return (retried, await attempts.FirstTrialAsync(retried));
    }

    private static EngineLaunch WithoutCudaGraph(EngineLaunch launch) =>
        launch.ServerArgs.Contains(SanityDefaults.DisableCudaGraphFlag, StringComparer.Ordinal)
            ? launch
            : launch with { ServerArgs = [.. launch.ServerArgs, SanityDefaults.DisableCudaGraphFlag] };

    /// <summary>One sanity run's starts and first trials: enters each phase once, whichever attempt gets there.</summary>
    private sealed class Attempts(RunContext run, Gsm8kPlan plan)
    {
        private bool _serverUp;

        public RunContext Run => run;

        /// <summary>True while the first trial runs: a failure there is the engine's, worth a retry.</summary>
        public bool InFirstTrial { get; private set; }

        public async Task<Uri> StartAsync(EngineLaunch launch)
        {
            run.Stage = "engine start";
            var baseUrl = await run.StartEngineAsync(launch);
            if (!_serverUp)
            {
                _serverUp = true;
                await run.PhaseStartedAsync(RunPhase.ServerUp);
                await run.PhaseStartedAsync(RunPhase.Gsm8kGate);
            }

            return baseUrl;
        }

        public async Task<Gsm8kTrialResult> FirstTrialAsync(Uri baseUrl)
        {
            run.Stage = "GSM8K trials";
            await run.LogAsync($"sanity trial 1 of {plan.Trials}");
            InFirstTrial = true;
            var first = await run.RunGsm8kAsync(baseUrl, plan with { Trials = 1 });
            InFirstTrial = false;
            return first.Trials[0];
        }
    }
}
