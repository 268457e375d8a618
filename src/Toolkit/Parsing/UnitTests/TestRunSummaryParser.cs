using System.Globalization;
using System.Text.RegularExpressions;

namespace SglangCi.Toolkit.Parsing.UnitTests;

/// <summary>
/// Finds the result summary in the output of <c>python -m unittest</c> or <c>pytest</c>: unittest's last
/// <c>Ran N tests in Xs</c> with the <c>OK</c> / <c>FAILED (…)</c> line after it, or pytest's last
/// <c>== 3 passed, 1 failed in 2.31s ==</c>. The seed's unit-test log reader uses the unittest part on the lines between
/// its header and footer, so both read unittest's words with the same rules.
/// </summary>
public static partial class TestRunSummaryParser
{
    /// <summary>The summary printed last in <paramref name="output"/>; null when there is none (the run died or never started).</summary>
    /// <param name="file">Names the output in an <see cref="OutputParseException"/> (a verdict with unreadable counts).</param>
    public static TestRunSummary? Parse(string output, string file)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = TextLine.Split(output);
        var unittest = ReadUnittest(lines, 0, file);
        var pytest = ReadPytest(lines);
        return unittest is null ? pytest
            : pytest is null ? unittest
            : pytest.Line > unittest.Line ? pytest : unittest;
    }

    /// <summary>unittest's last <c>Ran N tests in Xs</c> at or after line index <paramref name="from"/>, with the first verdict line after it.</summary>
    public static TestRunSummary? ReadUnittest(IReadOnlyList<TextLine> lines, int from, string file)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var ranAt = -1;
        Match? ran = null;
        for (var i = from; i < lines.Count; i++)
        {
            if (RanPattern().Match(lines[i].Text.Trim()) is { Success: true } m)
            {
                ran = m;
                ranAt = i;
            }
        }

        if (ran is null)
        {
            return null;
        }

        TestVerdict? verdict = null;
        for (var i = ranAt + 1; i < lines.Count && verdict is null; i++)
        {
            verdict = ReadUnittestVerdict(lines[i], file);
        }

        return new TestRunSummary(
            TestRunner.Unittest,
            int.Parse(ran.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture),
            double.Parse(ran.Groups["s"].Value, NumberStyles.Float, CultureInfo.InvariantCulture),
            ran.Value,
            lines[ranAt].Number,
            verdict);
    }

    private static TestVerdict? ReadUnittestVerdict(TextLine line, string file)
    {
        var text = line.Text.Trim();
        if (VerdictPattern().Match(text) is not { Success: true } v)
        {
            return null;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (v.Groups["details"].Success)
        {
            foreach (var part in v.Groups["details"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0 || !int.TryParse(part[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    throw new OutputParseException(file, line.Number, $"unittest counts like 'errors=2, failures=1', found '{part}'");
                }

                counts[part[..eq]] = n;
            }
        }

        int? Get(string key) => counts.TryGetValue(key, out var n) ? n : null;
        return new TestVerdict(
            v.Groups["ok"].Value == "OK",
            Passed: null,
            Get("failures"),
            Get("errors"),
            Get("skipped"),
            Get("expected failures"),
            Get("unexpected successes"),
            text,
            line.Number);
    }

    /// <summary>pytest's last summary line; the line is both the count and the verdict.</summary>
    private static TestRunSummary? ReadPytest(IReadOnlyList<TextLine> lines)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (PytestPattern().Match(lines[i].Text.Trim()) is not { Success: true } m || PytestCounts(m.Groups["parts"].Value) is not { } counts)
            {
                continue;
            }

            int? Get(string word) => counts.TryGetValue(word, out var n) ? n : null;
            var failures = Get("failed");
            var errors = Get("error");
            var ran = new[] { "passed", "failed", "error", "skipped", "xfailed", "xpassed" }.Sum(w => Get(w) ?? 0);
            var text = m.Groups["summary"].Value;
            var verdict = new TestVerdict(
                ran > 0 && (failures ?? 0) == 0 && (errors ?? 0) == 0,
                Get("passed"),
                failures,
                errors,
                Get("skipped"),
                Get("xfailed"),
                Get("xpassed"),
                text,
                lines[i].Number);
            return new TestRunSummary(
                TestRunner.Pytest,
                ran,
                double.Parse(m.Groups["s"].Value, NumberStyles.Float, CultureInfo.InvariantCulture),
                text,
                lines[i].Number,
                verdict);
        }

        return null;
    }

    /// <summary>
    /// <c>3 passed, 1 failed, 2 warnings</c> as word → count (<c>errors</c> folded into <c>error</c>); null when a part is
    /// not one of pytest's outcomes, so another line that happens to end in "in 2s" is not taken for a summary.
    /// </summary>
    private static Dictionary<string, int>? PytestCounts(string parts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (parts == "no tests ran")
        {
            return counts;
        }

        foreach (var part in parts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (PytestPartPattern().Match(part) is not { Success: true } p)
            {
                return null;
            }

            var word = p.Groups["word"].Value switch
            {
                "errors" => "error",
                "warning" => "warnings",
                var w => w,
            };
            counts[word] = int.Parse(p.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return counts.Count == 0 ? null : counts;
    }

    [GeneratedRegex(@"^Ran (?<n>\d+) tests? in (?<s>\d+(?:\.\d+)?)s$", RegexOptions.CultureInvariant)]
    private static partial Regex RanPattern();

    [GeneratedRegex(@"^(?<ok>OK|FAILED)(?: \((?<details>[^)]*)\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex VerdictPattern();

    /// <summary>With or without the <c>====</c> rules (<c>pytest -q</c> prints none); pytest ≥ 7 may add <c>(0:01:02)</c> after the seconds.</summary>
    [GeneratedRegex(@"^(?:=+ )?(?<summary>(?<parts>[a-z0-9, ]+?) in (?<s>\d+(?:\.\d+)?)s(?: \([0-9:]+\))?)(?: =+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PytestPattern();

    [GeneratedRegex(@"^(?<n>\d+) (?<word>passed|failed|errors?|skipped|xfailed|xpassed|deselected|warnings?|rerun)$", RegexOptions.CultureInvariant)]
    private static partial Regex PytestPartPattern();
}
