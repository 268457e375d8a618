using System.Text;
using SglangCi.Interfaces.Sql;

namespace SglangCi.Web.Api;

/// <summary>
/// A query's rows as RFC 4180 CSV: a header of column names, CRLF line ends, and a field quoted (with its quotes
/// doubled) only when it holds a comma, a quote or a line break, so spreadsheets and <c>csv</c> readers agree on
/// every cell. SQL NULL is an empty field; an empty string is <c>""</c>, so the two stay apart.
/// </summary>
public static class SqlResultCsv
{
    public const string FileName = "query.csv";

    public static string Write(SqlQueryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder();
        AppendLine(csv, result.Columns);
        foreach (var row in result.Rows)
        {
            AppendLine(csv, row.Select(cell => cell.Text));
        }

        return csv.ToString();
    }

    /// <summary>One field: as is when it needs no quotes, else quoted; null (SQL NULL) as nothing at all.</summary>
    public static string Field(string? value) => value switch
    {
        null => string.Empty,
        "" => "\"\"",
        _ when value.AsSpan().IndexOfAny(",\"\r\n") >= 0 => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        _ => value,
    };

    private static void AppendLine(StringBuilder csv, IEnumerable<string?> fields)
    {
        csv.AppendJoin(',', fields.Select(Field));
        csv.Append("\r\n");
    }
}
