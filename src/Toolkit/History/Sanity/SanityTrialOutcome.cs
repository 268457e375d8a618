namespace SglangCi.Toolkit.History.Sanity;

/// <summary>
/// How one GSM8K trial of a sanity check ended. A dead server and a benchmark timeout are kept apart from a low
/// accuracy because they point at different causes (crash or hang versus a quality regression).
/// </summary>
public enum SanityTrialOutcome
{
    /// <summary><c>Trial i: PASS [OK] (…)</c>: the accuracy met the model's threshold.</summary>
    Pass,

    /// <summary><c>Trial i: FAIL [X] (…)</c>: below threshold, or no accuracy in the client log.</summary>
    Fail,

    /// <summary><c>Trial i: FAILED - Server process died</c>.</summary>
    ServerDied,

    /// <summary><c>Trial i: FAIL [X] (Benchmark timeout after 600s, …)</c>.</summary>
    Timeout,
}
