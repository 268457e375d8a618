using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>
/// The run's logs: the grain writes the phase transitions and the outcome to <c>run.log</c> (its pipeline writes the
/// rest through the same <see cref="RunLogWriter"/>), and serves bounded reads of every log in the run's folder. The
/// grain lives on its node's silo, so the files are local; a read is one small file read.
/// </summary>
public sealed partial class RunGrain
{
    public Task<RunLogCatalog> GetLogs() => Task.FromResult(
        Run.Summary is null ? RunLogCatalog.None : new RunLogCatalog(IsActive, RunLogFiles.List(Run.LogDirectory)));

    public async Task<RunLogChunk?> ReadLog(string name, long offset, int maxBytes)
    {
        if (Run.Summary is null || RunLogFiles.Resolve(Run.LogDirectory, name) is not { } path)
        {
            return null;
        }

        try
        {
            return await RunLogReader.ReadAsync(name, path, offset, maxBytes, IsActive);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>One line in the run's own log; a run from before logs existed (no folder recorded) writes none.</summary>
    private Task LogAsync(string line) => Run.LogDirectory is null ? Task.CompletedTask : services.Logs.AppendAsync(RunId, line);
}
