using System.Globalization;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Metrics;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// The mean and sample standard deviation of a sanity check's GSM8K trials, over the trials the gate counted (a trial
/// under <see cref="Gsm8kGateRules.ValidAccuracy"/> is a broken trial, not a score; with none valid, over all), and the
/// words a person reads: "mean 0.912 ± 0.008 (sd) over 3 trials: 0.905, 0.911, 0.920; threshold 0.82".
/// The spread is kept because one night's drop of 0.02 means little when the trials themselves spread by 0.02.
/// </summary>
public sealed record Gsm8kSpread(double Mean, double Sd, IReadOnlyList<Gsm8kTrialResult> Counted, IReadOnlyList<Gsm8kTrialResult> NotCounted, double Threshold)
{
    public static Gsm8kSpread Of(Gsm8kGateResult gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (gate.Trials.Count == 0)
        {
            throw new ArgumentException("a GSM8K gate without trials has no spread", nameof(gate));
        }

        var valid = gate.Trials.Where(t => t.Accuracy >= Gsm8kGateRules.ValidAccuracy).ToArray();
        var counted = valid.Length > 0 ? valid : gate.Trials.ToArray();
        var accuracies = counted.Select(t => t.Accuracy).ToArray();
        return new Gsm8kSpread(
            SampleStatistics.Mean(accuracies),
            SampleStatistics.SampleStd(accuracies),
            counted,
            gate.Trials.Except(counted).ToArray(),
            gate.Threshold);
    }

    /// <summary>"mean 0.912 ± 0.008 (sd) over 3 trials: 0.905, 0.911, 0.920; threshold 0.82", plus the trials not counted.</summary>
    public string Detail =>
        $"mean {A(Mean)} ± {A(Sd)} (sd) over {Trials(Counted.Count)}: {string.Join(", ", Counted.Select(t => A(t.Accuracy)))}; threshold {T(Threshold)}"
        + (NotCounted.Count == 0 ? "" : $"; not counted (below {T(Gsm8kGateRules.ValidAccuracy)}): {string.Join(", ", NotCounted.Select(t => $"trial {t.Trial} {A(t.Accuracy)}"))}");

    /// <summary>"sanity check failed: mean accuracy 0.701 over 3 trials below threshold 0.82".</summary>
    public string FailureReason => $"sanity check failed: mean accuracy {A(Mean)} over {Trials(Counted.Count)} below threshold {T(Threshold)}";

    private static string Trials(int count) => count == 1 ? "1 trial" : $"{count} trials";

    private static string A(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string T(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
