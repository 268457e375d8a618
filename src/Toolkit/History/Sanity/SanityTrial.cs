namespace SglangCi.Toolkit.History.Sanity;

/// <summary>
/// One <c>Trial i: …</c> line of a timing summary. Accuracy and time are null when the line does not print them
/// (a dead server, a client log without an accuracy), never 0, so a missing number is not stored as a real zero.
/// </summary>
/// <param name="Number">The 1-based trial number the line prints.</param>
/// <param name="Outcome">How the trial ended.</param>
/// <param name="Accuracy">The GSM8K accuracy fraction, when printed.</param>
/// <param name="TimeS">The trial's benchmark time in seconds, when printed.</param>
/// <param name="Detail">Any other text of the line (<c>No accuracy found in …</c>, <c>Server process died</c>).</param>
/// <param name="Source">The trial's line.</param>
public sealed record SanityTrial(int Number, SanityTrialOutcome Outcome, double? Accuracy, double? TimeS, string? Detail, SourceRef Source);
