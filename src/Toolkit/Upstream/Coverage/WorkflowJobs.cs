using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// A GitHub Actions workflow read line by line, just far enough to know its jobs and the shell lines each job's steps
/// run. A YAML library would reject a whole file for one odd line (and the toolkit does not carry one); the old tool
/// read these files as text too. What it understands: the top-level <c>jobs:</c> map (quoted or plain job keys,
/// comments, CRLF, a BOM), <c>run:</c> given inline or as a <c>|</c>/<c>&gt;</c> block scalar, shell comments and blank
/// lines inside blocks (dropped), and backslash continuation lines (joined into one command, so a wrapped command counts
/// once). Anything else is ignored rather than failed on.
/// </summary>
public sealed partial class WorkflowJobs
{
    private readonly Dictionary<string, List<string>> _jobs;

    private WorkflowJobs(Dictionary<string, List<string>> jobs) => _jobs = jobs;

    /// <summary>Job names in file order.</summary>
    public IEnumerable<string> Names => _jobs.Keys;

    public bool Has(string job) => _jobs.ContainsKey(job);

    /// <summary>The job's shell commands (continuations joined, comments dropped); empty for an unknown job.</summary>
    public IReadOnlyList<string> Commands(string job) => _jobs.TryGetValue(job, out var commands) ? commands : [];

    public static WorkflowJobs Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var jobs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        var start = Array.FindIndex(lines, l => JobsKey().IsMatch(l));
        if (start < 0)
        {
            return new WorkflowJobs(jobs);
        }

        var jobIndent = -1;
        var blockIndent = -1; // indentation of the line holding "run: |" while inside its block
        List<string>? current = null;
        string? pending = null; // a command continued with a trailing backslash
        foreach (var line in lines.Skip(start + 1))
        {
            var trimmed = line.Trim();
            var indent = line.Length - line.TrimStart().Length;
            if (blockIndent >= 0 && (trimmed.Length == 0 || indent > blockIndent))
            {
                AddCommand(current, trimmed, ref pending);
                continue;
            }

            if (blockIndent >= 0)
            {
                blockIndent = -1;
                Flush(current, ref pending);
            }

            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (indent == 0)
            {
                break; // the next top-level key: the jobs map has ended
            }

            if (jobIndent < 0)
            {
                jobIndent = indent;
            }

            if (indent <= jobIndent)
            {
                var key = JobKey().Match(trimmed);
                current = key.Success ? Job(jobs, key) : null;
                continue;
            }

            if (current is not null && RunKey().Match(trimmed) is { Success: true } run)
            {
                var value = run.Groups["value"].Value.Trim();
                if (value.StartsWith('|') || value.StartsWith('>'))
                {
                    blockIndent = indent;
                }
                else
                {
                    AddCommand(current, Unquote(StripComment(value)), ref pending);
                    Flush(current, ref pending);
                }
            }
        }

        Flush(current, ref pending);
        return new WorkflowJobs(jobs);
    }

    private static List<string> Job(Dictionary<string, List<string>> jobs, Match key)
    {
        var name = key.Groups["dq"].Success ? key.Groups["dq"].Value : key.Groups["sq"].Success ? key.Groups["sq"].Value : key.Groups["plain"].Value;
        if (!jobs.TryGetValue(name, out var commands))
        {
            commands = [];
            jobs[name] = commands; // a repeated key: YAML would keep the last; keeping both blocks' commands loses nothing visible
        }

        return commands;
    }

    private static void AddCommand(List<string>? commands, string line, ref string? pending)
    {
        if (commands is null || (pending is null && (line.Length == 0 || line.StartsWith('#'))))
        {
            return;
        }

        var joined = pending is null ? line : pending + " " + line;
        if (joined.EndsWith('\\'))
        {
            pending = joined[..^1].TrimEnd();
            return;
        }

        pending = null;
        commands.Add(joined);
    }

    private static void Flush(List<string>? commands, ref string? pending)
    {
        if (pending is not null && commands is not null)
        {
            commands.Add(pending);
        }

        pending = null;
    }

    /// <summary>A plain scalar ends at " #"; quoted scalars in <c>run:</c> are rare enough to take as written.</summary>
    private static string StripComment(string value)
    {
        var hash = value.IndexOf(" #", StringComparison.Ordinal);
        return hash < 0 ? value : value[..hash].TrimEnd();
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex(@"^(?:jobs|""jobs""|'jobs')\s*:\s*(?:#.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JobsKey();

    [GeneratedRegex(@"^(?:""(?<dq>[^""]+)""|'(?<sq>[^']+)'|(?<plain>[A-Za-z0-9_][A-Za-z0-9_.-]*))\s*:(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex JobKey();

    [GeneratedRegex(@"^(?:-\s+)?run\s*:(?<value>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex RunKey();
}
