namespace SglangCi.Toolkit.Parsing.UnitTests;

/// <summary>
/// The test runner call inside a command line: <c>python3 -m unittest X</c> or <c>python3 -m pytest X</c>, given as
/// argv or inside <c>sh -c "cd DIR &amp;&amp; VAR=v python3 -m unittest X"</c> as the old nightly ran it. The run kind names
/// its check after the test; the simulator reads which tests to pretend to run and the inline environment.
/// </summary>
/// <param name="Targets">The runner's arguments that are not flags (<c>test_custom_allreduce.TestCustomAllReduce</c>, <c>test/x.py::T</c>).</param>
/// <param name="Environment">The <c>VAR=value</c> assignments written before the runner (<c>CUDA_VISIBLE_DEVICES=0,1</c>).</param>
public sealed record TestCommand(TestRunner Runner, IReadOnlyList<string> Targets, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The check name of a command that names no test module.</summary>
    public const string DefaultName = "unit-test";

    /// <summary>
    /// The test module the command runs: <c>test_custom_allreduce</c> for <c>test_custom_allreduce.TestCustomAllReduce</c>,
    /// <c>test_x</c> for <c>test/srt/test_x.py::TestY</c>; <see cref="DefaultName"/> when there is no target.
    /// </summary>
    public string Name
    {
        get
        {
            if (Targets.Count == 0)
            {
                return DefaultName;
            }

            var target = Targets[0].Split("::", 2)[0];
            if (target.EndsWith(".py", StringComparison.Ordinal) || target.Contains('/', StringComparison.Ordinal))
            {
                return Path.GetFileNameWithoutExtension(target);
            }

            // A dotted unittest name: the module is the first part named like a test (package parts come before it).
            var parts = target.Split('.', StringSplitOptions.RemoveEmptyEntries);
            return parts.FirstOrDefault(p => p.StartsWith("test_", StringComparison.Ordinal))
                ?? parts.FirstOrDefault(p => p.StartsWith("test", StringComparison.Ordinal))
                ?? parts.FirstOrDefault()
                ?? DefaultName;
        }
    }

    /// <summary>The runner call in <paramref name="command"/>; null when it runs neither unittest nor pytest.</summary>
    public static TestCommand? TryParse(IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count >= 3 && Path.GetFileName(command[0]) is "sh" or "bash" && command[1] == "-c")
        {
            // A shell script: the runner is one of its '&&' / ';' steps; quotes are dropped, enough for test names and paths.
            var steps = command[2].Split(["&&", ";", "\n"], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return steps
                .Select(step => FromWords(step.Replace("\"", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal)
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)))
                .FirstOrDefault(found => found is not null);
        }

        return FromWords(command);
    }

    private static TestCommand? FromWords(IReadOnlyList<string> words)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
        if (at < words.Count && words[at] == "env")
        {
            at++;
        }

        for (; at < words.Count && IsAssignment(words[at]); at++)
        {
            var eq = words[at].IndexOf('=', StringComparison.Ordinal);
            environment[words[at][..eq]] = words[at][(eq + 1)..];
        }

        at = SkipTimeout(words, at);
        if (words.Count - at < 3 || Path.GetFileName(words[at]) is not ("python" or "python3") || words[at + 1] != "-m")
        {
            return null;
        }

        TestRunner? runner = words[at + 2] switch
        {
            "unittest" => TestRunner.Unittest,
            "pytest" => TestRunner.Pytest,
            _ => null,
        };
        if (runner is null)
        {
            return null;
        }

        var arguments = words.Skip(at + 3).ToArray();
        return new TestCommand(runner.Value, DiscoverPattern(runner.Value, arguments) is { } pattern ? [pattern] : arguments.Where(w => !w.StartsWith('-')).ToArray(), environment);
    }

    /// <summary>
    /// <c>python3 -m unittest discover -s DIR -p test_x.py</c> (how the old upstream-test script ran one file) targets the
    /// pattern's file, not the words <c>discover</c> and <c>DIR</c>; null for any other form, or a wildcard pattern.
    /// </summary>
    private static string? DiscoverPattern(TestRunner runner, IReadOnlyList<string> arguments)
    {
        if (runner != TestRunner.Unittest || arguments.Count == 0 || arguments[0] != "discover")
        {
            return null;
        }

        for (var i = 1; i < arguments.Count - 1; i++)
        {
            if (arguments[i] is "-p" or "--pattern" && !arguments[i + 1].Contains('*', StringComparison.Ordinal))
            {
                return arguments[i + 1];
            }
        }

        return null;
    }

    /// <summary>Past a <c>timeout [-s SIGNAL] [-k DURATION] DURATION</c> prefix (coreutils' and busybox's), if there is one.</summary>
    private static int SkipTimeout(IReadOnlyList<string> words, int at)
    {
        if (at >= words.Count || Path.GetFileName(words[at]) != "timeout")
        {
            return at;
        }

        at++;
        while (at < words.Count && words[at].StartsWith('-'))
        {
            // -s KILL / -k 10 take a value; --foreground / --preserve-status do not.
            at += words[at] is "-s" or "-k" or "--signal" or "--kill-after" ? 2 : 1;
        }

        return at + 1;
    }

    private static bool IsAssignment(string word)
    {
        var eq = word.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && word[..eq].All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(word[0]);
    }
}
