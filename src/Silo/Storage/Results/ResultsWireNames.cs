using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Silo.Storage.Results;

/// <summary>
/// The lower-case names enum values have in the results tables (the same wire names JSON and URLs use),
/// so SQL written by hand in the explorer reads <c>status = 'failed'</c>, not a number.
/// </summary>
public static class ResultsWireNames
{
    public static string Of(RunStatus status) => status.ToString().ToLowerInvariant();

    public static string Of(RunPhase phase) => phase.ToWireName();

    public static string Of(PhaseStatus status) => status.ToString().ToLowerInvariant();

    public static string Of(LoadKind kind) => kind.ToString().ToLowerInvariant();

    public static string Of(CheckStatus status) => status.ToString().ToLowerInvariant();

    public static CheckStatus ParseCheckStatus(string text) => Parse<CheckStatus>(text, Of);

    public static RunStatus ParseRunStatus(string text) => Parse<RunStatus>(text, Of);

    public static RunPhase ParseRunPhase(string text) => Parse<RunPhase>(text, Of);

    public static PhaseStatus ParsePhaseStatus(string text) => Parse<PhaseStatus>(text, Of);

    public static LoadKind ParseLoadKind(string text) => Parse<LoadKind>(text, Of);

    private static T Parse<T>(string text, Func<T, string> name)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (name(value) == text)
            {
                return value;
            }
        }

        throw new FormatException($"'{text}' is not a known {typeof(T).Name} in the results tables.");
    }
}
