using System.Text.RegularExpressions;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>
/// Where a run's logs live: one folder per run under the run-log root (<c>logs/runs</c> under the data directory),
/// holding <c>run.log</c> (what the CI did), <c>server.log</c> (the engine's output, written by the runtime) and
/// <c>commands/NNN-name.log</c> (one per command run in the engine's environment). A log's name is its path in the
/// folder without <c>.log</c>; only names that resolve inside the folder are ever opened.
/// </summary>
public sealed partial class RunLogFiles(string root)
{
    public const string RunLogName = "run";
    public const string ServerLogName = "server";
    public const string CommandsFolder = "commands";
    private const string Extension = ".log";
    private const int MaxLogs = 200;

    /// <summary>Where logs go when no data directory was configured (tests, a bare silo).</summary>
    public static string DefaultRoot => Path.Combine(Path.GetTempPath(), "sglang-ci", "runs");

    public string Root { get; } = Path.GetFullPath(root);

    public string DirectoryFor(string runId) => Path.Combine(Root, Safe(runId));

    public string RunLog(string runId) => Path.Combine(DirectoryFor(runId), RunLogName + Extension);

    public string ServerLog(string runId) => Path.Combine(DirectoryFor(runId), ServerLogName + Extension);

    /// <summary>The next free command log of the run, <c>commands/001-bench_one_batch.log</c> and so on.</summary>
    public string NextCommandLog(string runId, string command)
    {
        var folder = Path.Combine(DirectoryFor(runId), CommandsFolder);
        var taken = Directory.Exists(folder) ? Directory.GetFiles(folder, "*" + Extension).Length : 0;
        return Path.Combine(folder, $"{taken + 1:D3}-{Safe(command)}{Extension}");
    }

    /// <summary>The logs in a run's folder: run first, then server, then commands in order. Empty when there is no folder.</summary>
    public static IReadOnlyList<RunLogInfo> List(string? directory)
    {
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, "*" + Extension, new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1 })
            .Select(path => (Path: path, Name: NameOf(directory, path)))
            .Where(f => NamePattern().IsMatch(f.Name))
            .OrderBy(f => f.Name switch { RunLogName => 0, ServerLogName => 1, _ => 2 })
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .Take(MaxLogs)
            .Select(f =>
            {
                var info = new FileInfo(f.Path);
                return new RunLogInfo(f.Name, TitleOf(f.Name), info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
            })
            .ToArray();
    }

    /// <summary>The file of log <paramref name="name"/> in <paramref name="directory"/>, or null for a name that is not a log there.</summary>
    public static string? Resolve(string? directory, string? name)
    {
        if (string.IsNullOrEmpty(directory) || string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name))
        {
            return null;
        }

        var folder = Path.GetFullPath(directory);
        var path = Path.GetFullPath(Path.Combine(folder, name + Extension));
        return path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(path) ? path : null;
    }

    public static string TitleOf(string name) => name switch
    {
        RunLogName => "Run",
        ServerLogName => "Server",
        _ when name.StartsWith(CommandsFolder + "/", StringComparison.Ordinal) => name[(CommandsFolder.Length + 1)..],
        _ => name,
    };

    private static string NameOf(string directory, string path) =>
        Path.GetRelativePath(directory, path)[..^Extension.Length].Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>A run id or command name as one safe path segment.</summary>
    private static string Safe(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var safe = new string(chars).Trim('.');
        return safe.Length == 0 ? "_" : safe;
    }

    /// <summary>A log name: one or two segments of letters, digits, '-', '_' and '.', none starting with a dot.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
