namespace SglangCi.Toolkit.History.Sanity;

/// <summary>
/// Which rule the sanity script's accuracy line reports; it changed twice, and the same number means different
/// things in each era, so the importer stores the rule next to the number instead of comparing them blindly.
/// </summary>
public enum SanityAccuracyRule
{
    /// <summary><c>Average accuracy: x (Required: y)</c>: the mean of all trials had to reach the threshold (until ~2025-10-20).</summary>
    Mean,

    /// <summary><c>Highest accuracy: x (Required: y)</c>: the best trial had to reach it (2025-10-28 … 2025-12-11).</summary>
    Max,

    /// <summary>
    /// <c>Accuracy: x (Required: y)</c>: pass on the first trial that reaches it (from 2025-12-12). The printed x is
    /// trial 1's accuracy even when a later trial passed, so read the trials, not this number.
    /// </summary>
    FirstPass,
}
