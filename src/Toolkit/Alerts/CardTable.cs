using System.Globalization;

namespace SglangCi.Toolkit.Alerts;

/// <summary>A small table on a card: a heading, column names and rows of preformatted cells (a row may be shorter than
/// the columns; missing cells are shown empty).</summary>
public sealed record CardTable(string Heading, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>The line that stands for rows a renderer left out to keep a card within its channel's size limit.</summary>
    public static string MoreRows(int count) => string.Create(CultureInfo.InvariantCulture, $"… {count} more rows");
}
