namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// SGLang's upstream CI, AMD against NVIDIA, as one checkout declares it: per category the tests on each side, the
/// gap (NVIDIA-only files), estimated CI time, and the totals of the old daily report. It also says what it was read
/// from (layouts, commit) and what it could not read (warnings), so a surprising number can be checked.
/// </summary>
public sealed record CoverageComparison
{
    /// <summary>The checkout's full path.</summary>
    public required string Repository { get; init; }

    /// <summary>HEAD's commit id, read from <c>.git</c> without running git; null when not a git checkout.</summary>
    public required string? Commit { get; init; }

    public required IReadOnlyList<RegistryLayout> Layouts { get; init; }

    public required bool IncludesIncompatible { get; init; }

    /// <summary>Per-commit categories first (1, 2, 4, 8 GPUs always present), then nightly ones; GPU count ascending.</summary>
    public required IReadOnlyList<CoverageCategory> Categories { get; init; }

    /// <summary>
    /// The old report's "Additional Test Categories" rows, in its order: <c>nightly-models-test</c>, then the workflow
    /// rows (<see cref="WorkflowCategories"/>). Always all of them, 0/0 when their source is missing.
    /// </summary>
    public required IReadOnlyList<AdditionalCategory> Additional { get; init; }

    /// <summary>The per-commit categories plus the non-nightly <see cref="Additional"/> rows, as the old "Per-PR CI".</summary>
    public required CoverageSubtotal PerPr { get; init; }

    /// <summary>
    /// <c>nightly-models-test</c> alone, as the old "Nightly/Periodic CI"; the per-GPU <c>nightly-&lt;N&gt;-gpu</c>
    /// categories are detail and are not in it (see <see cref="CoverageCategory"/>).
    /// </summary>

    public required CoverageSubtotal Nightly { get; init; }

    /// <summary><see cref="PerPr"/> + <see cref="Nightly"/>, as the old "Total".</summary>
    public required CoverageSubtotal Total { get; init; }

    /// <summary>Registrations with <c>disabled="reason"</c>: declared, not run, not counted.</summary>
    public required IReadOnlyList<RegisteredTest> Disabled { get; init; }

    public required IReadOnlyList<NotComparedSuite> NotCompared { get; init; }

    public required IReadOnlyList<CoverageWarning> Warnings { get; init; }
}
