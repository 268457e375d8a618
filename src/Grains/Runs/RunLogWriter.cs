using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using SglangCi.Toolkit.History;

namespace SglangCi.Grains.Runs;

/// <summary>
/// Writes a run's own log (<c>run.log</c>) and its command logs as the run goes, secrets redacted before anything
/// reaches the disk. Each line carries the UTC time. Appends are short (one line, a local file) and serialized, so
/// the grain and its pipeline can both write; a failed write is logged and never fails the run.
/// </summary>
public sealed partial class RunLogWriter(RunLogFiles files, TimeProvider time, ILogger<RunLogWriter> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _failures;

    public RunLogFiles Files { get; } = files;

    /// <summary>Appends <paramref name="message"/> (one or more lines) to the run's log, each line stamped with the time.</summary>
    public async Task AppendAsync(string runId, string message)
    {
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        foreach (var line in SecretRedactor.Redact(message).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            text.Append(stamp).Append("  ").Append(line).Append('\n');
        }

        await WriteAsync(Files.RunLog(runId), text.ToString(), append: true);
    }

    /// <summary>Writes the output of a command the run ran as a new command log; returns its file, or null if it could not be written.</summary>
    public async Task<string?> WriteCommandLogAsync(string runId, string command, string output)
    {
        await _gate.WaitAsync();
        try
        {
            var path = Files.NextCommandLog(runId, command);
            return await WriteUnlockedAsync(path, SecretRedactor.Redact(output), append: false) ? path : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteAsync(string path, string text, bool append)
    {
        await _gate.WaitAsync();
        try
        {
            await WriteUnlockedAsync(path, text, append);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> WriteUnlockedAsync(string path, string text, bool append)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (append)
            {
                await File.AppendAllTextAsync(path, text);
            }
            else
            {
                await File.WriteAllTextAsync(path, text);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk or a read-only data directory must not fail a benchmark; say so (a few times, not per line).
            if (Interlocked.Increment(ref _failures) <= 5)
            {
                LogWriteFailed(logger, path, e);
            }

            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run log {Path} could not be written")]
    private static partial void LogWriteFailed(ILogger logger, string path, Exception exception);
}
