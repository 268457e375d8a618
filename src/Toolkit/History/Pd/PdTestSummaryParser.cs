using System.Globalization;
using System.Text.RegularExpressions;
using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.History.Pd;

/// <summary>
/// Reads a PD <c>test_summary.txt</c> into a <see cref="PdTestSummary"/>. The title is required; a step or test line
/// in a shape the seed never printed is refused with an <see cref="OutputParseException"/> naming its line rather than
/// dropped, because a dropped test line would change <see cref="PdTestSummary.Passed"/>.
/// </summary>
public static partial class PdTestSummaryParser
{
    public const string Title = "SGLang PD Disaggregation Test Summary";

    public static PdTestSummary Parse(string text, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(relativePath);
        var lines = TextLine.Split(text);
        var first = lines.FirstOrDefault(l => l.Text.Trim().Length > 0);
        if (first.Text?.Trim() != Title)
        {
            throw new OutputParseException(relativePath, first.Text is null ? 1 : first.Number, $"the title '{Title}' on the first line");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var steps = new List<PdSetupStep>();
        var tests = new List<PdTestResult>();
        PdServerConfig? prefill = null;
        PdServerConfig? decode = null;
        var block = "";
        foreach (var line in lines)
        {
            var text0 = line.Text.Trim();
            if (text0.Length == 0)
            {
                continue;
            }

            if (!text0.StartsWith('-') && text0.EndsWith(':'))
            {
                block = text0.TrimEnd(':');
                continue;
            }

            if (text0.StartsWith("- Step ", StringComparison.Ordinal))
            {
                var m = StepPattern().Match(text0);
                steps.Add(m.Success
                    ? new PdSetupStep(Int(m.Groups["n"].Value), m.Groups["name"].Value.Trim(), Int(m.Groups["s"].Value), new SourceRef(relativePath, line.Number))
                    : throw new OutputParseException(relativePath, line.Number, $"'- Step N - Name: Ss', found '{text0}'"));
                continue;
            }

            if (text0.StartsWith("- Test ", StringComparison.Ordinal))
            {
                tests.Add(ReadTest(text0, line, relativePath));
                continue;
            }

            var item = text0.StartsWith("- ", StringComparison.Ordinal) ? text0[2..] : text0;
            var colon = item.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = item[..colon].Trim();
            var value = item[(colon + 2)..].Trim();
            if (block == "Configuration" && key is "Prefill Server" or "Decode Server")
            {
                var m = ServerPattern().Match(value);
                var server = m.Success
                    ? new PdServerConfig(Int(m.Groups["port"].Value), m.Groups["gpus"].Value, Int(m.Groups["tp"].Value), new SourceRef(relativePath, line.Number))
                    : throw new OutputParseException(relativePath, line.Number, $"'Port 30025, GPUs 0-3, TP=4', found '{value}'");
                if (key == "Prefill Server")
                {
                    prefill = server;
                }
                else
                {
                    decode = server;
                }

                continue;
            }

            // 'Log Files:' repeats the server names as keys; only the first block's meaning is kept.
            if (block != "Log Files")
            {
                values.TryAdd(key, value);
            }
        }

        string? Value(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        int? Seconds(string key) => Value(key) is { } v && SecondsPattern().Match(v) is { Success: true } m ? Int(m.Groups["n"].Value) : null;

        var tagText = Value("Docker Tag");
        return new PdTestSummary(
            new SourceRef(relativePath, 0),
            ImageTag.TryParse(tagText, out var tag) ? tag : null,
            Value("Docker Image"),
            Value("Hardware"),
            Value("Model"),
            Value("Model Path"),
            Value("Hostname"),
            Value("IP Address"),
            prefill,
            decode,
            Value("Load Balancer") is { } lb && PortPattern().Match(lb) is { Success: true } port ? Int(port.Groups["port"].Value) : null,
            steps,
            tests,
            Seconds("Total Time (Setup + Tests)") ?? Seconds("Total Test Runtime"),
            Seconds("Setup Time (Steps 1-4)"),
            Seconds("GSM8K Test Duration"),
            double.TryParse(Value("GSM8K Questions per Second"), NumberStyles.Float, CultureInfo.InvariantCulture, out var qps) ? qps : null,
            Value("GSM8K Parallelism") is { } par && SecondsPattern().Match(par) is { Success: true } p ? Int(p.Groups["n"].Value) : null);
    }

    private static PdTestResult ReadTest(string text, TextLine line, string file)
    {
        var m = TestPattern().Match(text);
        if (!m.Success)
        {
            throw new OutputParseException(file, line.Number, $"'- Test N - Name: PASS|FAIL|PENDING (Ss)' or '- Test 6 - GSM8K Accuracy: 0.9450 [PASS] (188s)', found '{text}'");
        }

        var status = m.Groups["status"].Value;
        var label = m.Groups["label"].Success ? m.Groups["label"].Value : status;
        var parsed = label switch
        {
            "PASS" => PdTestStatus.Pass,
            "FAIL" => PdTestStatus.Fail,
            "PENDING" => PdTestStatus.Pending,
            _ => throw new OutputParseException(file, line.Number, $"a status PASS, FAIL or PENDING, found '{label}'"),
        };
        string? valueText = m.Groups["label"].Success ? status : null;
        double? accuracy = valueText is not null && double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) ? a : null;
        return new PdTestResult(Int(m.Groups["n"].Value), m.Groups["name"].Value.Trim(), parsed, Int(m.Groups["s"].Value), valueText, accuracy, new SourceRef(file, line.Number));
    }

    private static int Int(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^- Step (?<n>\d+) - (?<name>[^:]+): (?<s>\d+)s$", RegexOptions.CultureInvariant)]
    private static partial Regex StepPattern();

    [GeneratedRegex(@"^- Test (?<n>\d+) - (?<name>[^:]+): (?<status>\S+?)(?: \[(?<label>[A-Z]+)\])? \((?<s>\d+)s\)$", RegexOptions.CultureInvariant)]
    private static partial Regex TestPattern();

    [GeneratedRegex(@"^Port (?<port>\d+), GPUs (?<gpus>[\d,\-]+), TP=(?<tp>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ServerPattern();

    [GeneratedRegex(@"^Port (?<port>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PortPattern();

    [GeneratedRegex(@"^(?<n>\d+)(?:s\b| )", RegexOptions.CultureInvariant)]
    private static partial Regex SecondsPattern();
}
