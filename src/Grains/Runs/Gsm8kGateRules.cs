using System.Globalization;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>
/// The GSM8K gate's verdict, as the seed's CI decided it: early exit at the first trial at or above the
/// threshold, otherwise the mean of valid trials (a trial under 10% accuracy is a broken trial, not a score).
/// </summary>
public static class Gsm8kGateRules
{
    public const double ValidAccuracy = 0.1;

    public static string RuleName(Gsm8kGateRule rule) => rule switch
    {
        Gsm8kGateRule.EarlyExit => "early_exit",
        Gsm8kGateRule.Mean => "mean",
        _ => rule.ToString().ToLowerInvariant(),
    };

    /// <summary>True when no further trial is needed.</summary>
    public static bool StopsAfter(Gsm8kPlan plan, Gsm8kTrialResult trial) =>
        plan.Rule == Gsm8kGateRule.EarlyExit && trial.Accuracy >= plan.Threshold;

    public static Gsm8kGateResult Decide(Gsm8kPlan plan, IReadOnlyList<Gsm8kTrialResult> trials)
    {
        var rule = RuleName(plan.Rule);
        if (plan.Rule == Gsm8kGateRule.EarlyExit)
        {
            var passing = trials.FirstOrDefault(t => t.Accuracy >= plan.Threshold);
            if (passing is not null)
            {
                return new Gsm8kGateResult(plan.Threshold, passing.Accuracy, passing.Invalid, true, rule, trials);
            }
        }

        var valid = trials.Where(t => t.Accuracy >= ValidAccuracy).ToArray();
        if (valid.Length == 0)
        {
            double? accuracy = trials.Count == 0 ? null : trials.Average(t => t.Accuracy);
            double? invalid = trials.Count == 0 ? null : trials.Average(t => t.Invalid);
            return new Gsm8kGateResult(plan.Threshold, accuracy, invalid, false, rule, trials);
        }

        var mean = valid.Average(t => t.Accuracy);
        return new Gsm8kGateResult(plan.Threshold, mean, valid.Average(t => t.Invalid), mean >= plan.Threshold, rule, trials);
    }

    /// <summary>The reason a skipped run shows, e.g. "GSM8K gate failed: mean accuracy 0.712 &lt; threshold 0.930".</summary>
    public static string FailureReason(Gsm8kGateResult gate)
    {
        var accuracy = (gate.Accuracy ?? 0).ToString("0.000", CultureInfo.InvariantCulture);
        var threshold = gate.Threshold.ToString("0.000", CultureInfo.InvariantCulture);
        var reason = $"GSM8K gate failed: mean accuracy {accuracy} < threshold {threshold}";
        return gate.Trials.Any(t => t.Accuracy >= ValidAccuracy)
            ? reason
            : $"{reason} (no valid trial: every accuracy below {ValidAccuracy.ToString("0.0", CultureInfo.InvariantCulture)})";
    }
}
