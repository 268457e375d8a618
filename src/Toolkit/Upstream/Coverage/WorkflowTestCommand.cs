using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// Whether a workflow shell command runs a test, by the old <c>compare_suites.py</c>'s rule: <c>python3 -m unittest …</c>,
/// a direct <c>python3 …test….py</c>, or <c>amd_ci_exec.sh … test….py</c> (AMD runs everything through that wrapper,
/// with either of the first two after it). One command is one test however many it names, as the old count went by
/// lines. A suite runner (<c>python3 run_suite.py --suite …</c>) is not a test: its file name holds no "test", and the
/// path it sits in (<c>test/srt/</c>) does not count.
/// </summary>
public static partial class WorkflowTestCommand
{
    public static bool RunsTest(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Unittest().IsMatch(command))
        {
            return true;
        }

        if (DirectScript().Match(command) is { Success: true } direct && IsTestFile(direct.Groups["script"].Value))
        {
            return true;
        }

        var wrapper = command.IndexOf("amd_ci_exec.sh", StringComparison.Ordinal);
        return wrapper >= 0 && command[wrapper..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Skip(1).Any(IsTestFile);
    }

    private static bool IsTestFile(string token)
    {
        var path = token.Trim('"', '\'');
        return path.EndsWith(".py", StringComparison.Ordinal)
            && Path.GetFileName(path).Contains("test", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"(?:^|[\s;&|(""'])python3\s+-m\s+unittest\b", RegexOptions.CultureInvariant)]
    private static partial Regex Unittest();

    /// <summary><c>python3 [-u …] script.py</c>: the first argument that is not an option is the script.</summary>
    [GeneratedRegex(@"(?:^|[\s;&|(""'])python3(?:\s+-[A-Za-z]+)*\s+(?<script>[^\s-]\S*)", RegexOptions.CultureInvariant)]
    private static partial Regex DirectScript();
}
