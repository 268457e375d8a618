using System.Globalization;
using SglangCi.Toolkit.History.Records;
using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.History.Online;

/// <summary>
/// Reads the old CI's serving "CSV" (tab-separated, one section per metric: <c>Median E2E Latency</c>,
/// <c>Median TTFT</c>, <c>Median ITL</c>; a header row of load points labelled <c>request rate</c> or
/// <c>concurrency</c>; data rows labelled <c>MI300x-aiter, &lt;host&gt;</c> (Grok, even on MI355) or
/// <c>&lt;model&gt;-FP8</c> (DeepSeek)). Each cell was the median of the old CI's "best run" at that point; an empty
/// cell means no finished run. The host named in a Grok row label is returned so the caller can check it.
/// </summary>
public static class ServingCsvParser
{
    public sealed record Row(string Label, string? Host, IReadOnlyList<HistoryMedianPoint> Points);

    public static IReadOnlyList<Row> Parse(string text, string relativePath, string runId)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? metric = null, loadKind = null;
        double[] loads = [];
        var cells = new Dictionary<(string Label, double Load), (double? E2e, double? Ttft, double? Itl, int Line)>();
        var labels = new List<string>();
        foreach (var line in TextLine.Split(text))
        {
            var raw = line.Text.TrimEnd();
            if (raw.Length == 0)
            {
                continue;
            }

            if (raw.StartsWith("Median ", StringComparison.Ordinal) && !raw.Contains('\t', StringComparison.Ordinal))
            {
                metric = raw.Contains("E2E", StringComparison.Ordinal) ? "e2e"
                    : raw.Contains("TTFT", StringComparison.Ordinal) ? "ttft"
                    : raw.Contains("ITL", StringComparison.Ordinal) ? "itl"
                    : null;
                continue;
            }

            var fields = raw.Split('\t');
            if (fields[0] is "request rate" or "concurrency")
            {
                loadKind = fields[0] == "concurrency" ? ClientLogName.Concurrency : ClientLogName.Rate;
                loads = fields.Skip(1).Where(f => f.Length > 0).Select(f => Load(f, relativePath, line.Number)).ToArray();
                continue;
            }

            if (metric is null || loadKind is null || fields.Length < 2)
            {
                continue;
            }

            var label = fields[0].Trim();
            if (!labels.Contains(label))
            {
                labels.Add(label);
            }

            for (var i = 0; i < loads.Length && i + 1 < fields.Length; i++)
            {
                var cell = fields[i + 1].Trim();
                if (cell.Length == 0)
                {
                    continue;
                }

                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new OutputParseException(relativePath, line.Number, $"a number or an empty cell under load {loads[i]}, found '{cell}'");
                }

                var key = (label, loads[i]);
                var entry = cells.TryGetValue(key, out var existing) ? existing : (null, null, null, line.Number);
                cells[key] = metric switch
                {
                    "e2e" => entry with { E2e = value, Line = line.Number },
                    "ttft" => entry with { Ttft = value },
                    _ => entry with { Itl = value },
                };
            }
        }

        if (loadKind is null)
        {
            throw new OutputParseException(relativePath, null, "a 'request rate' or 'concurrency' header row");
        }

        return labels.Select(label => new Row(
            label,
            HostOf(label),
            cells.Where(c => c.Key.Label == label)
                .Select(c => new HistoryMedianPoint(runId, HistoryMedianPoint.FromCsv, loadKind, c.Key.Load, c.Value.E2e, c.Value.Ttft, c.Value.Itl,
                    new SourceRef(relativePath, c.Value.Line)))
                .ToList())).ToList();
    }

    private static string? HostOf(string label)
    {
        var comma = label.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 ? label[(comma + 1)..].Trim() : null;
    }

    private static double Load(string text, string file, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new OutputParseException(file, line, $"a numeric load point in the header row, found '{text}'");
}
