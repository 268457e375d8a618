using System.Globalization;
using System.Text;

namespace SglangCi.Toolkit.Upstream.Tests;

/// <summary>
/// Upstream test files run one after another in one container, as a POSIX shell script: each from its own folder with
/// <c>python3 -m unittest discover -s . -p FILE -v</c> (the old script's call), under its own <c>timeout</c> (TERM, then
/// KILL a minute later), its output framed by <see cref="UpstreamTestMarkers"/> with its exit code and seconds. One test
/// hanging or crashing never stops the next. <see cref="TryParse"/> reads the script back, which is how the simulated
/// runtime knows what to pretend to run.
/// </summary>
/// <param name="SglangPath">Where the SGLang checkout is inside the image (<c>/sgl-workspace/sglang</c>).</param>
public sealed record UpstreamTestBatch(string SglangPath, IReadOnlyList<UpstreamTestFile> Tests, TimeSpan PerTestTimeout)
{
    /// <summary>The script's first line: what it is, for a person reading a container's command and for <see cref="TryParse"/>.</summary>
    public const string Header = "# sglang-ci upstream test batch v1: one container, each test file under its own timeout";

    /// <summary>How long a test gets after TERM before it is killed.</summary>
    public static TimeSpan KillGrace { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Long enough for every test to use its whole timeout and grace, plus a margin for the container itself.</summary>
    public TimeSpan WholeTimeout => (PerTestTimeout + KillGrace + TimeSpan.FromSeconds(30)) * Tests.Count + TimeSpan.FromMinutes(5);

    public IReadOnlyList<string> ToCommand()
    {
        if (Tests.Count == 0)
        {
            throw new InvalidOperationException("an upstream test batch needs at least one test file");
        }

        CheckPath(SglangPath);
        foreach (var test in Tests)
        {
            // The fields go into the script: only what Parse accepted may (a record can be built without it).
            if (UpstreamTestFile.Parse(test.Name) != test)
            {
                throw new ArgumentException($"test '{test.Name}' was not made by {nameof(UpstreamTestFile)}.{nameof(UpstreamTestFile.Parse)}");
            }
        }

        var seconds = Seconds(PerTestTimeout);
        var script = new StringBuilder()
            .Append(Header).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"cd '{SglangPath}' || {{ echo '{UpstreamTestMarkers.NoCheckout}{SglangPath}'; exit 3; }}\n")
            .Append("run_one() {\n")
            .Append(CultureInfo.InvariantCulture, $"  echo \"{UpstreamTestMarkers.Prefix}begin $1 $2\"\n")
            .Append("  started=$(date +%s)\n")
            .Append(CultureInfo.InvariantCulture, $"  (cd \"$3\" && timeout -k {Seconds(KillGrace)} \"$5\" python3 -m unittest discover -s . -p \"$4\" -v) 2>&1\n")
            .Append("  code=$?\n")
            // unittest -v prints "test_x ... " before a test ends; one killed there leaves no newline for the marker.
            .Append("  echo\n")
            .Append(CultureInfo.InvariantCulture, $"  echo \"{UpstreamTestMarkers.Prefix}end $1 exit=$code seconds=$(( $(date +%s) - started ))\"\n")
            .Append("}\n");
        for (var i = 0; i < Tests.Count; i++)
        {
            var test = Tests[i];
            script.Append(CultureInfo.InvariantCulture, $"run_one {i + 1} '{test.Name}' '{test.Directory}' '{test.FileName}' {seconds}\n");
        }

        return ["sh", "-c", script.ToString()];
    }

    /// <summary>The batch a command runs, when it is one this class wrote; null for any other command.</summary>
    public static UpstreamTestBatch? TryParse(IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count != 3 || Path.GetFileName(command[0]) is not ("sh" or "bash") || command[1] != "-c"
            || !command[2].StartsWith(Header + "\n", StringComparison.Ordinal))
        {
            return null;
        }

        string? path = null;
        var tests = new List<UpstreamTestFile>();
        var timeout = TimeSpan.Zero;
        foreach (var line in command[2].Split('\n'))
        {
            if (path is null && line.StartsWith("cd '", StringComparison.Ordinal))
            {
                path = line[4..line.IndexOf('\'', 4)];
            }
            else if (line.StartsWith("run_one ", StringComparison.Ordinal))
            {
                // run_one INDEX 'NAME' 'DIR' 'FILE' SECONDS: the names hold no quote or space (UpstreamTestFile saw to it).
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('\'')).ToArray();
                if (words.Length != 6 || !long.TryParse(words[5], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    return null;
                }

                tests.Add(UpstreamTestFile.Parse(words[2]));
                timeout = TimeSpan.FromSeconds(seconds);
            }
        }

        return path is null || tests.Count == 0 ? null : new UpstreamTestBatch(path, tests, timeout);
    }

    /// <summary>
    /// Where the checkout is goes into the script in quotes: an absolute path of plain characters only, so no value can
    /// end the quote or expand (<c>$(…)</c>, backquotes, newlines).
    /// </summary>
    public static void CheckPath(string path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/'
            || path.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/')) is var bad and not '\0')
        {
            throw new ArgumentException($"the SGLang path '{path}' must be an absolute path of letters, digits, '_', '-', '.' and '/' only");
        }
    }

    private static long Seconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalSeconds));
}
