using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// One check of a run as a table row. Its status is put on the run scale (green passed, red failed or timed out, amber
/// skipped or worth a look) so a check's badge colours the same as a run's.
/// </summary>
public sealed record CheckRow(string Name, RunStatus Scale, string Outcome, string Value, string Duration, string Detail)
{
    public static CheckRow From(RunCheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new CheckRow(
            check.Name,
            OnRunScale(check.Status),
            Word(check.Status),
            FormatValue(check.Value),
            check.Duration is { } took ? Formats.Duration(took) : Formats.None,
            check.Detail ?? "");
    }

    public static RunStatus OnRunScale(CheckStatus status) => status switch
    {
        CheckStatus.Passed => RunStatus.Succeeded,
        CheckStatus.Failed or CheckStatus.TimedOut => RunStatus.Failed,
        _ => RunStatus.Skipped,
    };

    public static string Word(CheckStatus status) => status switch
    {
        CheckStatus.TimedOut => "timed out",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// A check's number is whatever it measured: a count (tests ran, bytes) reads as a whole number, a fraction (GSM8K
    /// accuracy) with three decimals as the sanity and PD logs print it, anything else with two.
    /// </summary>
    public static string FormatValue(double? value) => value switch
    {
        null => Formats.None,
        { } v when double.IsFinite(v) && v == Math.Floor(v) => Formats.Number(v, "#,0"),
        { } v when v is > 0 and < 1 => Formats.Number(v, "0.000"),
        { } v => Formats.Number(v, "#,0.##"),
    };
}
