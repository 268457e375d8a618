using System.Globalization;
using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.History.Coverage;

/// <summary>
/// Reads an upstream coverage CSV (seed inventory §2.11). Heading lines (<c># …</c>, <c>## …</c>) become the rows'
/// <see cref="CoverageRow.Section"/>; the header line is required, and a row whose counts are not whole numbers or whose
/// percentage is neither <c>N%</c> nor <c>N/A</c> is refused with an <see cref="OutputParseException"/> naming its line.
/// </summary>
public static class CoverageReportParser
{
    public const string Header = "Test Category,AMD # of Tests,Nvidia # of Tests,AMD Coverage (%)";

    public static CoverageReport Parse(string text, string relativePath, DateOnly reportDate)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(relativePath);
        var lines = TextLine.Split(text).Where(l => l.Text.Trim().Length > 0).ToList();
        if (lines.Count == 0 || lines[0].Text.Trim() != Header)
        {
            throw new OutputParseException(relativePath, lines.Count == 0 ? 1 : lines[0].Number, $"the header '{Header}'");
        }

        string? section = null;
        var rows = new List<CoverageRow>();
        CoverageTotal? total = null;
        foreach (var line in lines.Skip(1))
        {
            var text0 = line.Text.Trim();
            if (text0.StartsWith('#'))
            {
                section = text0.TrimStart('#').Trim();
                continue;
            }

            var fields = text0.Split(',');
            if (fields.Length != 4)
            {
                throw new OutputParseException(relativePath, line.Number, $"4 fields (category, AMD count, NVIDIA count, coverage %), found {fields.Length} in '{text0}'");
            }

            var amd = Count(fields[1], line, relativePath);
            var nvidia = Count(fields[2], line, relativePath);
            var percent = Percent(fields[3], line, relativePath);
            var source = new SourceRef(relativePath, line.Number);
            var category = fields[0].Trim();
            if (category == "Total")
            {
                total = new CoverageTotal(amd, nvidia, percent, source);
            }
            else
            {
                rows.Add(new CoverageRow(section, category, amd, nvidia, percent, source));
            }
        }

        return new CoverageReport(new SourceRef(relativePath, 0), reportDate, rows, total);
    }

    private static int Count(string field, TextLine line, string file) =>
        int.TryParse(field.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new OutputParseException(file, line.Number, $"a whole-number test count, found '{field.Trim()}'");

    private static double? Percent(string field, TextLine line, string file)
    {
        var value = field.Trim();
        if (value == "N/A")
        {
            return null;
        }

        return value.EndsWith('%') && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p)
            ? p
            : throw new OutputParseException(file, line.Number, $"a coverage like '56%' or 'N/A', found '{value}'");
    }
}
