using SglangCi.Interfaces.Runs;

namespace SglangCi.Interfaces;

/// <summary>
/// One job execution (key: run id) as a persisted phase machine. Start returns at once; the work runs
/// in the background and reports back; state is persisted after every phase.
/// </summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>Accepts the request once (a second call with the same id is ignored) and returns the summary.</summary>
    Task<RunSummary> Start(RunRequest request);

    Task<RunSummary?> GetSummary();

    Task<RunDetails?> GetDetails();

    /// <summary>Ends a run that is not finished yet as failed with the given reason.</summary>
    Task Cancel(string reason);
}
