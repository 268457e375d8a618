using System.Globalization;
using System.Text.RegularExpressions;
using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.BenchServing;

namespace SglangCi.Toolkit.History.Online;

/// <summary>
/// A bench_serving client log of the old CI: the wrapper lines around the unmodified result block. A log without a
/// result block (the run was aborted before it printed one) has <see cref="Result"/> null.
/// </summary>
public sealed partial record ClientLog(BenchServingResult? Result, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, long? PromptCount)
{
    public bool RunCompleted => CompletedAt is not null;

    public static ClientLog Parse(string text, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(text);
        var results = BenchServingParser.ParseText(text, relativePath);
        DateTimeOffset? started = null, completed = null;
        long? prompts = null;
        foreach (var line in TextLine.Split(text))
        {
            var trimmed = line.Text.Trim();
            if (trimmed.StartsWith("Run started at:", StringComparison.Ordinal) && SeedClock.TryParse(trimmed, out var s))
            {
                started = s;
            }
            else if (trimmed.StartsWith("Run completed at:", StringComparison.Ordinal) && SeedClock.TryParse(trimmed, out var c))
            {
                completed = c;
            }
            else if (prompts is null && NumPromptsPattern().Match(trimmed) is { Success: true } m)
            {
                prompts = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return new ClientLog(results.Count > 0 ? results[^1] : null, started, completed, prompts);
    }

    [GeneratedRegex(@"(?:num_prompts=|--num-prompts |Using )(\d+)(?: prompts)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumPromptsPattern();
}
