using SglangCi.Interfaces.Runs;

namespace SglangCi.Interfaces;

/// <summary>Reads run history from the results tables (stateless worker; key 0).</summary>
public interface IRunQueryGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<RunSummary>> QueryRuns(RunQuery query);

    Task<RunDetails?> GetRun(string runId);

    /// <summary>Days that have runs between the dates (inclusive; null = open), newest first.</summary>
    Task<IReadOnlyList<RunDay>> RunDays(DateOnly? from, DateOnly? to);
}
