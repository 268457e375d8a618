using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>A PD run's numbers after the job's own options are laid over the preset's PD plan.</summary>
/// <param name="Threshold">The job's threshold, else the PD plan's, else the preset's GSM8K threshold.</param>
/// <param name="Timeout">The job's limit on the checks (servers have their own startup timeout); null: none.</param>
public sealed record PdSettings(int Questions, int Parallel, int Shots, int MaxNewTokens, double Threshold, TimeSpan? Timeout)
{
    public static PdSettings For(RunPlan plan, PdPlan pd)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(pd);
        var threshold = plan.Options.Threshold ?? pd.Threshold ?? plan.Gsm8k?.Threshold
            ?? throw new RunFailedException($"run '{plan.RunId}' has no GSM8K threshold for its PD check");
        return new PdSettings(plan.Options.Questions ?? pd.Questions, pd.Parallel, pd.Shots, pd.MaxNewTokens, threshold, plan.Options.Timeout);
    }

    /// <summary>One GSM8K trial judged by the mean rule: a trial under 10 % is no valid score, so 0.0 never passes,
    /// whatever the threshold.</summary>
    public Gsm8kPlan Gsm8kPlan => new(Threshold, Trials: 1, Questions, Parallel, Shots, Gsm8kGateRule.Mean);
}
