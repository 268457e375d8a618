using System.Globalization;
using System.Text.RegularExpressions;
using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.History.Sanity;

/// <summary>
/// Reads a sanity-check <c>timing_summary_*.log</c> (seed <c>test/sanity_check.py</c>) into a <see cref="SanitySummary"/>.
/// Lines the importer has no use for (suggestions, notes, separators) are passed over; a file that is not a timing
/// summary, or a trial/startup/result line in a shape the script never printed, is refused with an
/// <see cref="OutputParseException"/> naming the line, because guessing its meaning could turn a failure into a pass.
/// </summary>
public static partial class SanitySummaryParser
{
    public const string Title = "SGLang Sanity Check Timing Summary";

    /// <summary>Parses the text of one timing summary; <paramref name="tagOfFolder"/> is the image when the file has no <c>Docker image:</c> line.</summary>
    public static SanitySummary Parse(string text, string relativePath, ImageTag tagOfFolder)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentNullException.ThrowIfNull(tagOfFolder);
        return new Reader(relativePath).Read(TextLine.Split(text), tagOfFolder);
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int Integer(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^=== (?<model>\S+) on (?<hw>\S+) ===$", RegexOptions.CultureInvariant)]
    private static partial Regex SectionPattern();

    [GeneratedRegex(@"^Server startup: (?:(?<failed>FAILED after) )?(?<s>\d+(?:\.\d+)?)s$", RegexOptions.CultureInvariant)]
    private static partial Regex StartupPattern();

    [GeneratedRegex(@"^Trial (?<n>\d+): (?:(?<label>PASS \[OK\]|FAIL \[X\]) \((?<body>.*)\)|FAILED - (?<detail>.*))$", RegexOptions.CultureInvariant)]
    private static partial Regex TrialPattern();

    [GeneratedRegex(@"^Accuracy: (?<a>\d+(?:\.\d+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrialAccuracyPattern();

    [GeneratedRegex(@"^Time: (?<t>\d+(?:\.\d+)?)s$", RegexOptions.CultureInvariant)]
    private static partial Regex TrialTimePattern();

    [GeneratedRegex(@"^Final result: (?<r>PASS \[OK\]|FAIL \[X\])$", RegexOptions.CultureInvariant)]
    private static partial Regex FinalPattern();

    [GeneratedRegex(@"^(?<kind>Average accuracy|Highest accuracy|Accuracy): (?<a>\d+(?:\.\d+)?) \(Required: (?<r>\d+(?:\.\d+)?)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex AccuracyLinePattern();

    [GeneratedRegex(@"^Accuracies: \[(?<list>[^\]]*)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex AccuraciesPattern();

    [GeneratedRegex(@"^Early exit: Passed on trial (?<n>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex EarlyExitPattern();

    [GeneratedRegex(@"^(?<model>\S+): SKIPPED(?: - (?<reason>.+)| \((?<paren>.+)\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex SkipPattern();

    [GeneratedRegex(@"^  (?<model>\S+): (?<o>PASS|FAIL|SKIPPED)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailerLinePattern();

    [GeneratedRegex(@"^Models (?<what>tested|passed|failed|skipped): (?<n>\d+)(?:/(?<of>\d+))?", RegexOptions.CultureInvariant)]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"^Total execution time: (?<s>\d+(?:\.\d+)?)s", RegexOptions.CultureInvariant)]
    private static partial Regex TotalExecutionPattern();

    [GeneratedRegex(@"^Total time: (?<s>\d+(?:\.\d+)?)s$", RegexOptions.CultureInvariant)]
    private static partial Regex SectionTotalPattern();

    /// <summary>The per-file parse state: the header, the open section, then the trailer.</summary>
    private sealed class Reader(string file)
    {
        private readonly List<SanityAttempt> attempts = [];
        private readonly List<SanitySkip> skips = [];
        private readonly List<SanityTrailerLine> trailer = [];
        private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
        private SectionBuilder? section;
        private bool inTrailer;
        private int? modelsTotal;
        private DateTimeOffset? endedAt;
        private double? totalExecution;

        public SanitySummary Read(IReadOnlyList<TextLine> lines, ImageTag tagOfFolder)
        {
            var first = lines.FirstOrDefault(l => l.Text.Trim().Length > 0);
            if (first.Text is null || first.Text.Trim() != Title)
            {
                throw new OutputParseException(file, first.Text is null ? 1 : first.Number, $"the title '{Title}' on the first line{(first.Text is null ? " (the file is empty)" : "")}");
            }

            DateTimeOffset? startedAt = null;
            string? machine = null;
            string? platform = null;
            IReadOnlyList<string> declared = [];
            int? trials = null;
            ImageTag? image = null;
            var inHeader = true;

            foreach (var line in lines)
            {
                var raw = line.Text.TrimEnd();
                var text = raw.Trim();
                if (inHeader)
                {
                    if (SectionPattern().IsMatch(text) || text == "OVERALL SUMMARY" || SkipPattern().IsMatch(raw))
                    {
                        inHeader = false;
                    }
                    else
                    {
                        if (Value(text, "Start time:") is { } start)
                        {
                            startedAt = Time(start, line);
                        }
                        else if (Value(text, "Machine:") is { } m)
                        {
                            machine = m;
                        }
                        else if (Value(text, "Platform:") is { } p)
                        {
                            platform = p;
                        }
                        else if (Value(text, "Models:") is { } list)
                        {
                            declared = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        }
                        else if (Value(text, "Trials per model:") is { } t)
                        {
                            trials = int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                                ? n
                                : throw new OutputParseException(file, line.Number, $"a whole number of trials, found '{t}'");
                        }
                        else if (Value(text, "Docker image:") is { } d)
                        {
                            image = ImageTag.TryParse(d, out var tag)
                                ? tag
                                : throw new OutputParseException(file, line.Number, $"an image tag like rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251208, found '{d}'");
                        }

                        continue;
                    }
                }

                ReadBody(line, raw, text);
            }

            CloseSection();
            counts.TryGetValue("tested", out var tested);
            return new SanitySummary(
                new SourceRef(file, 0),
                startedAt,
                machine,
                platform,
                declared,
                trials,
                image ?? tagOfFolder,
                image is not null,
                attempts,
                skips,
                trailer,
                endedAt,
                totalExecution,
                modelsTotal,
                Count("tested"),
                Count("passed"),
                Count("failed"),
                Count("skipped"));
        }

        private int? Count(string what) => counts.TryGetValue(what, out var n) ? n : null;

        private void ReadBody(TextLine line, string raw, string text)
        {
            if (SectionPattern().Match(text) is { Success: true } header)
            {
                CloseSection();
                section = new SectionBuilder(header.Groups["model"].Value, header.Groups["hw"].Value, new SourceRef(file, line.Number));
                return;
            }

            if (text == "OVERALL SUMMARY")
            {
                CloseSection();
                inTrailer = true;
                return;
            }

            if (inTrailer)
            {
                ReadTrailer(line, raw, text);
                return;
            }

            if (SkipPattern().Match(raw) is { Success: true } skip)
            {
                CloseSection();
                var reason = skip.Groups["reason"].Success ? skip.Groups["reason"].Value : skip.Groups["paren"].Success ? skip.Groups["paren"].Value : null;
                skips.Add(new SanitySkip(skip.Groups["model"].Value, reason, new SourceRef(file, line.Number)));
                return;
            }

            if (section is not null)
            {
                section.Read(line, text, this);
            }
        }

        private void ReadTrailer(TextLine line, string raw, string text)
        {
            if (TrailerLinePattern().Match(raw) is { Success: true } outcome)
            {
                var value = outcome.Groups["o"].Value switch
                {
                    "PASS" => SanityOutcome.Pass,
                    "FAIL" => SanityOutcome.Fail,
                    _ => SanityOutcome.Skipped,
                };
                trailer.Add(new SanityTrailerLine(outcome.Groups["model"].Value, value, new SourceRef(file, line.Number)));
            }
            else if (CountPattern().Match(text) is { Success: true } count)
            {
                counts[count.Groups["what"].Value] = Integer(count.Groups["n"].Value);
                if (count.Groups["of"].Success)
                {
                    modelsTotal = Integer(count.Groups["of"].Value);
                }
            }
            else if (Value(text, "End time:") is { } end)
            {
                endedAt = Time(end, line);
            }
            else if (TotalExecutionPattern().Match(text) is { Success: true } total)
            {
                totalExecution = Number(total.Groups["s"].Value);
            }
        }

        private void CloseSection()
        {
            if (section is not null)
            {
                attempts.Add(section.Build());
                section = null;
            }
        }

        public DateTimeOffset Time(string value, TextLine line) =>
            SeedClock.TryParse(value, out var instant)
                ? instant
                : throw new OutputParseException(file, line.Number, $"a time like '2025-12-17 08:16:17 PST', found '{value}'");

        public OutputParseException Error(TextLine line, string expected) => new(file, line.Number, expected);

        private static string? Value(string text, string key) =>
            text.StartsWith(key, StringComparison.Ordinal) ? text[key.Length..].Trim() : null;

        /// <summary>Collects one model section's lines until the next section, skip line or trailer closes it.</summary>
        private sealed class SectionBuilder(string model, string hardware, SourceRef source)
        {
            private readonly List<SanityTrial> trials = [];
            private readonly List<double> accuracies = [];
            private bool cudaGraphDisabled;
            private DateTimeOffset? startedAt;
            private double? startupS;
            private bool startupFailed;
            private string? startupError;
            private bool retryFollows;
            private int? earlyExit;
            private bool? finalPassed;
            private SourceRef? finalSource;
            private double? reported;
            private double? required;
            private SanityAccuracyRule? rule;
            private double? totalTime;
            private DateTimeOffset? endedAt;

            public void Read(TextLine line, string text, Reader reader)
            {
                if (text.StartsWith("Trial ", StringComparison.Ordinal))
                {
                    trials.Add(ReadTrial(line, text, reader));
                }
                else if (text.StartsWith("Server startup:", StringComparison.Ordinal))
                {
                    var m = StartupPattern().Match(text);
                    if (!m.Success)
                    {
                        throw reader.Error(line, $"'Server startup: 171.23s' or 'Server startup: FAILED after 180.75s', found '{text}'");
                    }

                    startupS = Number(m.Groups["s"].Value);
                    startupFailed = m.Groups["failed"].Success;
                }
                else if (text.StartsWith("Final result:", StringComparison.Ordinal))
                {
                    var m = FinalPattern().Match(text);
                    if (!m.Success)
                    {
                        throw reader.Error(line, $"'Final result: PASS [OK]' or 'Final result: FAIL [X]', found '{text}'");
                    }

                    finalPassed = m.Groups["r"].Value.StartsWith("PASS", StringComparison.Ordinal);
                    finalSource = new SourceRef(source.Path, line.Number);
                }
                else if (AccuracyLinePattern().Match(text) is { Success: true } acc)
                {
                    reported = Number(acc.Groups["a"].Value);
                    required = Number(acc.Groups["r"].Value);
                    rule = acc.Groups["kind"].Value switch
                    {
                        "Average accuracy" => SanityAccuracyRule.Mean,
                        "Highest accuracy" => SanityAccuracyRule.Max,
                        _ => SanityAccuracyRule.FirstPass,
                    };
                }
                else if (AccuraciesPattern().Match(text) is { Success: true } list)
                {
                    foreach (var item in list.Groups["list"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        accuracies.Add(double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                            ? v
                            : throw reader.Error(line, $"a list of accuracy fractions, found '{item}'"));
                    }
                }
                else if (EarlyExitPattern().Match(text) is { Success: true } early)
                {
                    earlyExit = Integer(early.Groups["n"].Value);
                }
                else if (text.StartsWith("Error:", StringComparison.Ordinal))
                {
                    startupError ??= text["Error:".Length..].Trim();
                }
                else if (text.StartsWith("Note: Running with --disable-cuda-graph", StringComparison.Ordinal))
                {
                    cudaGraphDisabled = true;
                }
                else if (text.Contains("Retrying with --disable-cuda-graph", StringComparison.Ordinal))
                {
                    retryFollows = true;
                }
                else if (Value(text, "Start time:") is { } start)
                {
                    startedAt = reader.Time(start, line);
                }
                else if (Value(text, "End time:") is { } end)
                {
                    endedAt = reader.Time(end, line);
                }
                else if (SectionTotalPattern().Match(text) is { Success: true } total)
                {
                    totalTime = Number(total.Groups["s"].Value);
                }
            }

            public SanityAttempt Build() => new(
                model,
                hardware,
                cudaGraphDisabled,
                startedAt,
                startupS,
                startupFailed,
                startupError,
                retryFollows,
                trials,
                earlyExit,
                finalPassed,
                accuracies,
                reported,
                required,
                rule,
                totalTime,
                endedAt,
                source,
                finalSource);

            private SanityTrial ReadTrial(TextLine line, string text, Reader reader)
            {
                var m = TrialPattern().Match(text);
                if (!m.Success)
                {
                    throw reader.Error(line, $"'Trial i: PASS [OK] (Accuracy: a, Time: ts)', 'Trial i: FAIL [X] (…)' or 'Trial i: FAILED - reason', found '{text}'");
                }

                var number = Integer(m.Groups["n"].Value);
                var where = new SourceRef(source.Path, line.Number);
                if (m.Groups["detail"].Success)
                {
                    var detail = m.Groups["detail"].Value.Trim();
                    var outcome = detail.Contains("died", StringComparison.OrdinalIgnoreCase) ? SanityTrialOutcome.ServerDied
                        : detail.Contains("timeout", StringComparison.OrdinalIgnoreCase) ? SanityTrialOutcome.Timeout
                        : SanityTrialOutcome.Fail;
                    return new SanityTrial(number, outcome, null, null, detail, where);
                }

                double? accuracy = null;
                double? time = null;
                var rest = new List<string>();

                // The body is comma-separated; the 'No accuracy found in PATH' part holds no comma in the seed files.
                foreach (var part in m.Groups["body"].Value.Split(", ", StringSplitOptions.TrimEntries))
                {
                    if (TrialAccuracyPattern().Match(part) is { Success: true } a)
                    {
                        accuracy = Number(a.Groups["a"].Value);
                    }
                    else if (TrialTimePattern().Match(part) is { Success: true } t)
                    {
                        time = Number(t.Groups["t"].Value);
                    }
                    else
                    {
                        rest.Add(part);
                    }
                }

                var passed = m.Groups["label"].Value.StartsWith("PASS", StringComparison.Ordinal);
                var body = rest.Count > 0 ? string.Join(", ", rest) : null;
                var result = passed ? SanityTrialOutcome.Pass
                    : body is not null && body.Contains("timeout", StringComparison.OrdinalIgnoreCase) ? SanityTrialOutcome.Timeout
                    : SanityTrialOutcome.Fail;
                return new SanityTrial(number, result, accuracy, time, body, where);
            }
        }
    }
}
