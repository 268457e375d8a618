namespace SglangCi.Toolkit.History.Sanity;

/// <summary>
/// One <c>=== MODEL on HW ===</c> section of a timing summary: one server launch and its trials. A model has two
/// sections when the first launch deadlocked and the script retried with <c>--disable-cuda-graph</c>; both are kept,
/// because the first one's failure (and its error) is part of the night's story even when the retry passed.
/// </summary>
/// <param name="Model">The sanity model key (<c>GPT-OSS-120B</c>, <c>GROK1-IN4</c>, …).</param>
/// <param name="Hardware">The hardware named in the section header.</param>
/// <param name="CudaGraphDisabled">The section is the <c>--disable-cuda-graph</c> retry (<c>Note: Running with --disable-cuda-graph fallback</c>).</param>
/// <param name="StartedAt">The section's <c>Start time:</c>.</param>
/// <param name="ServerStartupS">Seconds to start the server, or until it was declared failed.</param>
/// <param name="ServerStartupFailed"><c>Server startup: FAILED after …s</c>.</param>
/// <param name="StartupError">The <c>Error: …</c> line that classified the startup failure, when printed.</param>
/// <param name="RetryFollows">The section ends with <c>Retrying with --disable-cuda-graph fallback</c>, so the next section of the model supersedes it.</param>
/// <param name="Trials">The trial lines, in order.</param>
/// <param name="EarlyExitAfterTrial">The trial after which <c>Early exit: Passed on trial i, …</c> stopped the loop.</param>
/// <param name="FinalPassed"><c>Final result: PASS [OK]</c> true, <c>FAIL [X]</c> false, absent null.</param>
/// <param name="Accuracies">The <c>Accuracies: [..]</c> list, empty when absent.</param>
/// <param name="ReportedAccuracy">The accuracy the section's accuracy line reports, read with <see cref="AccuracyRule"/>.</param>
/// <param name="RequiredAccuracy">The threshold in force that night (<c>Required: y</c>), not today's constant.</param>
/// <param name="AccuracyRule">Which era's accuracy line the section printed; null when it printed none.</param>
/// <param name="TotalTimeS">The section's <c>Total time:</c>.</param>
/// <param name="EndedAt">The section's <c>End time:</c>.</param>
/// <param name="Source">The section header's line.</param>
/// <param name="FinalResultSource">The <c>Final result:</c> line, when present.</param>
public sealed record SanityAttempt(
    string Model,
    string Hardware,
    bool CudaGraphDisabled,
    DateTimeOffset? StartedAt,
    double? ServerStartupS,
    bool ServerStartupFailed,
    string? StartupError,
    bool RetryFollows,
    IReadOnlyList<SanityTrial> Trials,
    int? EarlyExitAfterTrial,
    bool? FinalPassed,
    IReadOnlyList<double> Accuracies,
    double? ReportedAccuracy,
    double? RequiredAccuracy,
    SanityAccuracyRule? AccuracyRule,
    double? TotalTimeS,
    DateTimeOffset? EndedAt,
    SourceRef Source,
    SourceRef? FinalResultSource);
