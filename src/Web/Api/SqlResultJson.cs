using System.Text.Json;
using SglangCi.Interfaces.Sql;

namespace SglangCi.Web.Api;

/// <summary>
/// A query's rows as <c>{"columns": […], "rows": [[…], …], "truncated": bool, "elapsedMs": n}</c>. Rows are arrays,
/// not objects, because column names may repeat (<c>SELECT a.id, b.id …</c>). A number cell is written from its
/// invariant text as it is, so a 64-bit integer keeps every digit instead of passing through a double.
/// </summary>
public static class SqlResultJson
{
    public static byte[] Write(SqlQueryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("columns");
            foreach (var column in result.Columns)
            {
                json.WriteStringValue(column);
            }

            json.WriteEndArray();
            json.WriteStartArray("rows");
            foreach (var row in result.Rows)
            {
                json.WriteStartArray();
                foreach (var cell in row)
                {
                    WriteCell(json, cell);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteBoolean("truncated", result.Truncated);
            json.WriteNumber("elapsedMs", Math.Round(result.Elapsed.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteCell(Utf8JsonWriter json, SqlCell cell)
    {
        if (cell.Text is null)
        {
            json.WriteNullValue();
        }
        else if (cell.IsNumber)
        {
            // Invariant integer, decimal or round-trip double text (finite only): valid JSON number syntax.
            json.WriteRawValue(cell.Text);
        }
        else
        {
            json.WriteStringValue(cell.Text);
        }
    }
}
