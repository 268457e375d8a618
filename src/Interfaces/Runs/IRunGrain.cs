using Orleans.Concurrency;
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

    /// <summary>The run's logs (files under the data directory of the run's node) and whether the run is still going.</summary>
    [AlwaysInterleave]
    Task<RunLogCatalog> GetLogs();

    /// <summary>
    /// Reads log <paramref name="name"/> (one of <see cref="GetLogs"/>) from byte <paramref name="offset"/>, at most
    /// <paramref name="maxBytes"/> (capped at <see cref="RunLogChunk.MaxBytes"/>); a negative offset reads the tail, the
    /// last <c>-offset</c> bytes from a line start. Secrets are redacted. Null when the run has no such log.
    /// </summary>
    [AlwaysInterleave]
    Task<RunLogChunk?> ReadLog(string name, long offset, int maxBytes);
}
