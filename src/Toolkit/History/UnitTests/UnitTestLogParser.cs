using System.Globalization;
using SglangCi.Toolkit.History.Sanity;
using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.UnitTests;

namespace SglangCi.Toolkit.History.UnitTests;

/// <summary>
/// Reads a unit-test log (§2.9 of the seed inventory). The header (<c>SGL Unit Test Log</c>) and the footer
/// (<c>Exit code:</c>, <c>Result:</c>) are required: without the header the file is something else, without the footer
/// the run was cut off and nothing says whether it passed, so both are refused with an <see cref="OutputParseException"/>.
/// </summary>
public static class UnitTestLogParser
{
    public const string Title = "SGL Unit Test Log";

    /// <summary>Parses one log; <paramref name="tagFromFileName"/> is the image when the header's <c>Image:</c> line is missing or unreadable.</summary>
    public static UnitTestRun Parse(string text, string relativePath, ImageTag tagFromFileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentNullException.ThrowIfNull(tagFromFileName);
        var lines = TextLine.Split(text);

        var titleAt = 0;
        while (titleAt < lines.Count && (lines[titleAt].Text.Trim().Length == 0 || lines[titleAt].Text.Trim().All(c => c == '=')))
        {
            titleAt++;
        }

        var title = titleAt < lines.Count ? lines[titleAt] : default;
        if (title.Text?.Trim() != Title)
        {
            throw new OutputParseException(relativePath, title.Text is null ? 1 : title.Number, $"the header '{Title}' at the top of a unit-test log");
        }

        // The header is the block between the title and the next '=====' rule; its keys are not searched for in the
        // test output, where 'Command:' or 'Machine:' could appear in a traceback.
        var headerEnd = lines.Count;
        for (var i = titleAt + 2; i < lines.Count; i++)
        {
            if (lines[i].Text.Trim().StartsWith("=====", StringComparison.Ordinal))
            {
                headerEnd = i;
                break;
            }
        }

        var header = new Dictionary<string, (string Value, TextLine Line)>(StringComparer.Ordinal);
        foreach (var line in lines.Take(headerEnd))
        {
            var colon = line.Text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                header.TryAdd(line.Text[..colon].Trim(), (line.Text[(colon + 1)..].Trim(), line));
            }
        }

        var footer = new Dictionary<string, (string Value, TextLine Line)>(StringComparer.Ordinal);

        string? Header(string key) => header.TryGetValue(key, out var v) && v.Value.Length > 0 ? v.Value : null;

        DateTimeOffset? Time(string key)
        {
            if (!header.TryGetValue(key, out var v) && !footer.TryGetValue(key, out v))
            {
                return null;
            }

            return SeedClock.TryParse(v.Value, out var instant)
                ? instant
                : throw new OutputParseException(relativePath, v.Line.Number, $"a time like '2025-12-19 10:04:09 CST', found '{v.Value}'");
        }

        // The footer: the last 'End time:', 'Exit code:' and 'Result:' lines of the file.
        foreach (var line in lines.Skip(headerEnd))
        {
            foreach (var key in new[] { "End time", "Exit code", "Result" })
            {
                if (line.Text.StartsWith(key + ":", StringComparison.Ordinal))
                {
                    footer[key] = (line.Text[(key.Length + 1)..].Trim(), line);
                }
            }
        }

        var lastLine = lines.LastOrDefault(l => l.Text.Trim().Length > 0).Number;
        if (!footer.TryGetValue("Exit code", out var exit) || !footer.TryGetValue("Result", out var result))
        {
            throw new OutputParseException(relativePath, Math.Max(lastLine, 1), "the footer 'Exit code: <n>' and 'Result: PASSED|FAILED' (the run was cut off before it)");
        }

        if (!int.TryParse(exit.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exitCode))
        {
            throw new OutputParseException(relativePath, exit.Line.Number, $"a whole-number exit code, found '{exit.Value}'");
        }

        if (result.Value is not ("PASSED" or "FAILED"))
        {
            throw new OutputParseException(relativePath, result.Line.Number, $"'Result: PASSED' or 'Result: FAILED', found '{result.Value}'");
        }

        var (ran, duration, verdict) = ReadUnittest(lines, headerEnd, relativePath);
        var outcome = exitCode == 137 ? UnitTestResult.Killed
            : exitCode == 0 && result.Value == "PASSED" ? UnitTestResult.Passed
            : UnitTestResult.Failed;
        var image = ImageTag.TryParse(Header("Image"), out var tag) ? tag : tagFromFileName;

        return new UnitTestRun(
            new SourceRef(relativePath, 0),
            Header("Test"),
            image,
            Header("Image"),
            Header("Container"),
            Header("Hardware"),
            Header("Machine"),
            Time("Start time"),
            footer.ContainsKey("End time") ? Time("End time") : null,
            Header("Test directory"),
            Header("Command"),
            ran,
            duration,
            verdict,
            exitCode,
            outcome,
            result.Value,
            new SourceRef(relativePath, result.Line.Number));
    }

    /// <summary>The last <c>Ran N tests in Xs</c> and the verdict line that follows it, read as any unittest output is.</summary>
    private static (int? Ran, double? DurationS, UnitTestVerdict? Verdict) ReadUnittest(IReadOnlyList<TextLine> lines, int from, string file)
    {
        if (TestRunSummaryParser.ReadUnittest(lines, from, file) is not { } summary)
        {
            return (null, null, null);
        }

        var verdict = summary.Verdict is not { } v ? null : new UnitTestVerdict(
            v.Ok, v.Errors, v.Failures, v.Skipped, v.ExpectedFailures, v.UnexpectedSuccesses, v.Text, new SourceRef(file, v.Line));
        return (summary.Ran, summary.DurationS, verdict);
    }
}
