using System.Text;
using System.Text.Json;
using SglangCi.Interfaces.Sql;
using SglangCi.Web.Api;

namespace SglangCi.Integration.Tests.Web;

/// <summary>
/// What <c>/api/sql</c> and <c>/api/sql.csv</c> write: JSON rows as arrays with numbers as numbers (every digit of a
/// 64-bit integer kept) and NULL as null; CSV quoted by RFC 4180 only where needed, NULL apart from an empty string.
/// </summary>
public sealed class SqlResultFormatTests
{
    private static readonly SqlQueryResult Result = new(
        ["id", "id", "note", "value"],
        [
            [new SqlCell("r1", false), new SqlCell("9007199254740993", true), new SqlCell("a, \"quoted\"\nline", false), new SqlCell("1.5", true)],
            [new SqlCell("r2", false), new SqlCell("2", true), new SqlCell(string.Empty, false), SqlCell.Null],
        ],
        Truncated: true,
        TimeSpan.FromMilliseconds(12.34));

    [Fact]
    public void Json_keeps_types_repeated_columns_and_the_truncation_flag()
    {
        using var json = JsonDocument.Parse(SqlResultJson.Write(Result));
        var root = json.RootElement;

        Assert.Equal(["id", "id", "note", "value"], root.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var first = root.GetProperty("rows")[0];
        Assert.Equal(JsonValueKind.Number, first[1].ValueKind);
        Assert.Equal("9007199254740993", first[1].GetRawText());
        Assert.Equal("a, \"quoted\"\nline", first[2].GetString());
        Assert.Equal(1.5, first[3].GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("rows")[1][3].ValueKind);
        Assert.True(root.GetProperty("truncated").GetBoolean());
        Assert.Equal(12.3, root.GetProperty("elapsedMs").GetDouble());
    }

    [Fact]
    public void Csv_quotes_only_what_needs_it_and_tells_null_from_empty()
    {
        var csv = SqlResultCsv.Write(Result);

        var expected = new StringBuilder()
            .Append("id,id,note,value\r\n")
            .Append("r1,9007199254740993,\"a, \"\"quoted\"\"\nline\",1.5\r\n")
            .Append("r2,2,\"\",\r\n")
            .ToString();
        Assert.Equal(expected, csv);
    }
}
