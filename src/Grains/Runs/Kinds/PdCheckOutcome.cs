using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>What one PD check found, before its name and duration make it a <see cref="RunCheckResult"/>.</summary>
public readonly record struct PdCheckOutcome(CheckStatus Status, double? Value, string? Detail)
{
    public static PdCheckOutcome Passed(string? detail = null, double? value = null) => new(CheckStatus.Passed, value, detail);

    public static PdCheckOutcome Failed(string detail, double? value = null) => new(CheckStatus.Failed, value, detail);
}
