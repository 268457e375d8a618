using System.Globalization;
using SglangCi.Toolkit.Text;

namespace SglangCi.Toolkit.Gsm8k;

/// <summary>
/// Reads bench_sglang's result lines (<c>Accuracy:</c>, <c>Invalid:</c> or <c>Invalid rate:</c>, <c>Latency: … s</c>,
/// <c>Output throughput: … token/s</c>) from a log. Lines are matched by prefix at the start of a line and the value
/// must be a bare number (after its unit), so wrapper lines such as <c>Run 1: Accuracy: 0.9</c> or
/// <c>Accuracy: 0.9 (Required: 0.93)</c> written by CI scripts are not mistaken for a run's own output.
/// </summary>
public static class Gsm8kLogParser
{
    private const string AccuracyPrefix = "Accuracy:";
    private const string InvalidPrefix = "Invalid:";
    private const string InvalidRatePrefix = "Invalid rate:";
    private const string LatencyPrefix = "Latency:";
    private const string ThroughputPrefix = "Output throughput:";

    /// <summary>The last run in the log (the one a gate log ends with); <see cref="Gsm8kLogResult.Empty"/>'s null fields when nothing is found.</summary>
    public static Gsm8kLogResult Parse(string text)
    {
        var runs = ParseRuns(text);
        return runs.Count == 0 ? Gsm8kLogResult.Empty : runs[^1];
    }

    /// <summary>
    /// Every run in order. An <c>Accuracy:</c> line starts a run; the other lines fill the current run, or start one
    /// when they repeat a field already set (a variant that prints them in another order or omits accuracy).
    /// </summary>
    public static IReadOnlyList<Gsm8kLogResult> ParseRuns(string text)
    {
        var runs = new List<Gsm8kLogResult>();
        Gsm8kLogResult? current = null;
        foreach (var raw in LogLines.Split(text))
        {
            var line = raw.Trim();
            if (TryValue(line, AccuracyPrefix, null, out var accuracy))
            {
                Flush();
                current = Gsm8kLogResult.Empty with { Accuracy = accuracy };
            }
            else if (TryValue(line, InvalidPrefix, null, out var invalid) || TryValue(line, InvalidRatePrefix, null, out invalid))
            {
                current = Set(current, c => c.Invalid is null, c => c with { Invalid = invalid });
            }
            else if (TryValue(line, LatencyPrefix, "s", out var latency))
            {
                current = Set(current, c => c.LatencySeconds is null, c => c with { LatencySeconds = latency });
            }
            else if (TryValue(line, ThroughputPrefix, "token/s", out var throughput))
            {
                current = Set(current, c => c.OutputThroughput is null, c => c with { OutputThroughput = throughput });
            }
        }

        Flush();
        return runs;

        void Flush()
        {
            if (current is not null)
            {
                runs.Add(current);
                current = null;
            }
        }

        Gsm8kLogResult Set(Gsm8kLogResult? run, Func<Gsm8kLogResult, bool> isFree, Func<Gsm8kLogResult, Gsm8kLogResult> apply)
        {
            if (run is not null && !isFree(run))
            {
                runs.Add(run);
                run = null;
            }

            return apply(run ?? Gsm8kLogResult.Empty);
        }
    }

    private static bool TryValue(string line, string prefix, string? unit, out double value)
    {
        value = 0;
        if (!line.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = line[prefix.Length..].Trim();
        if (unit is not null)
        {
            if (!rest.EndsWith(unit, StringComparison.Ordinal))
            {
                return false;
            }

            rest = rest[..^unit.Length].TrimEnd();
        }

        return double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}
