using System.Globalization;
using System.Text;
using SglangCi.SimulatedEngine.Generation;
using SglangCi.Toolkit.Parsing.UnitTests;

namespace SglangCi.SimulatedEngine;

/// <summary>What a simulated test command printed and how it exited.</summary>
public sealed record UnitTestOutput(int ExitCode, string Text);

/// <summary>
/// Prints what <c>python3 -m unittest X</c> or <c>python3 -m pytest X</c> would print in the nightly image, ending as
/// <see cref="SimulatedFaults.UnitTest"/> says (<see cref="SimulatedUnitTestFault.Hang"/> is the caller's: it never
/// prints). The seed's <c>test_custom_allreduce.TestCustomAllReduce</c> runs its two real tests; another target runs
/// one smoke test. Deterministic: durations come from the seed and the test names.
/// </summary>
public static class UnitTestOutputWriter
{
    private const string Rule = "----------------------------------------------------------------------";
    private const string DoubleRule = "======================================================================";

    /// <summary>The methods of the one class the old nightly ran, in unittest's (alphabetical) order.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> KnownClasses = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["TestCustomAllReduce"] = ["test_eager_allreduce", "test_graph_allreduce"],
    };

    public static UnitTestOutput Write(SimulatedEngineOptions options, TestCommand command)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(command);
        var fault = options.Faults.UnitTestFor(command);
        if (fault == SimulatedUnitTestFault.Hang)
        {
            throw new ArgumentException("a hanging test prints nothing; the caller waits for its timeout", nameof(options));
        }

        var tests = Tests(command).ToArray();
        var seconds = tests.Select(t => Seconds(options.Seed, t.Id)).ToArray();
        return command.Runner == TestRunner.Pytest
            ? Pytest(tests, seconds, fault)
            : Unittest(tests, seconds, fault);
    }

    private static UnitTestOutput Unittest(SimulatedTest[] tests, double[] seconds, SimulatedUnitTestFault fault)
    {
        var text = new StringBuilder();
        var problems = new List<(string Kind, SimulatedTest Test, string Error)>();
        for (var i = 0; i < tests.Length; i++)
        {
            var test = tests[i];
            Line(text, $"[Test Method] {test.Method}");
            if (fault == SimulatedUnitTestFault.Crash)
            {
                // The kernel's OOM killer takes the whole process: no verdict, no summary.
                Line(text, $"[rank0]: HIP out of memory in {test.Method}");
                Line(text, "Killed");
                return new UnitTestOutput(137, text.ToString());
            }

            var status = Status(fault, i, tests.Length);
            Line(text, $"{test.Method} ({test.Id}) ... {status}");
            if (status == "FAIL")
            {
                problems.Add(("FAIL", test, "AssertionError: Tensor-likes are not close!"));
            }
            else if (status == "ERROR")
            {
                problems.Add(("ERROR", test, "RuntimeError: Maybe you called ray.init twice by accident?"));
            }
        }

        foreach (var (kind, test, error) in problems)
        {
            Line(text, "");
            Line(text, DoubleRule);
            Line(text, $"{kind}: {test.Method} ({test.Id})");
            Line(text, Rule);
            Line(text, "Traceback (most recent call last):");
            Line(text, $"  File \"/sgl-workspace/sglang/test/manual/{test.Module}.py\", line 79, in {test.Method}");
            Line(text, error);
        }

        Line(text, "");
        Line(text, Rule);
        Line(text, string.Create(CultureInfo.InvariantCulture, $"Ran {tests.Length} test{(tests.Length == 1 ? "" : "s")} in {seconds.Sum():0.000}s"));
        Line(text, "");
        var failures = problems.Count(p => p.Kind == "FAIL");
        var errors = problems.Count(p => p.Kind == "ERROR");
        var counts = string.Join(", ", new[] { ("failures", failures), ("errors", errors) }.Where(c => c.Item2 > 0).Select(c => $"{c.Item1}={c.Item2}"));
        Line(text, problems.Count == 0 ? "OK" : $"FAILED ({counts})");
        return new UnitTestOutput(problems.Count == 0 ? 0 : 1, text.ToString());
    }

    private static UnitTestOutput Pytest(SimulatedTest[] tests, double[] seconds, SimulatedUnitTestFault fault)
    {
        var text = new StringBuilder();
        Line(text, "============================= test session starts ==============================");
        Line(text, "platform linux -- Python 3.12.3, pytest-8.3.4, pluggy-1.5.0");
        Line(text, $"collected {tests.Length} item{(tests.Length == 1 ? "" : "s")}");
        Line(text, "");
        var outcomes = new List<string>();
        for (var i = 0; i < tests.Length; i++)
        {
            if (fault == SimulatedUnitTestFault.Crash)
            {
                Line(text, $"{tests[i].PytestId} Killed");
                return new UnitTestOutput(137, text.ToString());
            }

            var status = Status(fault, i, tests.Length) switch
            {
                "FAIL" => "FAILED",
                "ERROR" => "ERROR",
                _ => "PASSED",
            };
            outcomes.Add(status);
            Line(text, string.Create(CultureInfo.InvariantCulture, $"{tests[i].PytestId} {status} [{100 * (i + 1) / tests.Length,3}%]"));
        }

        var parts = new[] { ("failed", "FAILED"), ("passed", "PASSED"), ("error", "ERROR") }
            .Select(p => (Word: p.Item1, Count: outcomes.Count(o => o == p.Item2)))
            .Where(p => p.Count > 0)
            .Select(p => $"{p.Count} {(p.Word == "error" && p.Count > 1 ? "errors" : p.Word)}");
        Line(text, "");
        Line(text, string.Create(CultureInfo.InvariantCulture, $"========================= {string.Join(", ", parts)} in {seconds.Sum():0.00}s ========================="));
        return new UnitTestOutput(outcomes.All(o => o == "PASSED") ? 0 : 1, text.ToString());
    }

    /// <summary>unittest's word for test <paramref name="index"/>: <c>fail</c> fails the last test, <c>error</c> errors every test.</summary>
    private static string Status(SimulatedUnitTestFault fault, int index, int count) => fault switch
    {
        SimulatedUnitTestFault.Fail when index == count - 1 => "FAIL",
        SimulatedUnitTestFault.Error => "ERROR",
        _ => "ok",
    };

    /// <summary>Between 30 and 90 s per test, like the custom all-reduce tests on 8 GPUs.</summary>
    private static double Seconds(int seed, string testId) =>
        30 + (StableHash.Of(seed, testId) % 60_000 / 1000.0);

    /// <summary>The known class's methods for a target that names it; one smoke test for any other target.</summary>
    /// <summary>What <c>unittest -v</c> has printed when its first test hangs: the test's name and <c>... </c>, no newline.</summary>
    public static string HangingLine(TestCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var test = Tests(command).First();
        return $"{test.Method} ({test.Id}) ... ";
    }

    private static IEnumerable<SimulatedTest> Tests(TestCommand command)
    {
        var targets = command.Targets.Count > 0 ? command.Targets : [command.Name];
        foreach (var target in targets)
        {
            var module = (command with { Targets = [target] }).Name;
            var methods = target.Split(["::", "."], StringSplitOptions.RemoveEmptyEntries)
                .Select(part => KnownClasses.GetValueOrDefault(part))
                .FirstOrDefault(known => known is not null) ?? ["test_smoke"];
            foreach (var method in methods)
            {
                yield return new SimulatedTest(module, method, $"{target}.{method}", $"{target}::{method}");
            }
        }
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    /// <param name="Id">unittest's name of the test (<c>test_custom_allreduce.TestCustomAllReduce.test_graph_allreduce</c>).</param>
    /// <param name="PytestId">pytest's node id (<c>test_x.py::test_graph_allreduce</c>).</param>
    private sealed record SimulatedTest(string Module, string Method, string Id, string PytestId);
}
