using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using SglangCi.Grains.Sql;
using SglangCi.Interfaces.Sql;

namespace SglangCi.Silo.Storage.Results;

/// <summary>
/// The SQL explorer's engine: one statement on a connection that cannot write (see
/// <see cref="IResultsDatabase.OpenReadOnlyAsync"/>), with a time limit and a row limit. A database error comes back
/// as an <see cref="ArgumentException"/> (bad input, like any SQL error) that quotes the database's message, which
/// names the problem.
/// </summary>
public sealed class ReadOnlySqlExplorer(IResultsDatabase database) : ISqlExplorer
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task<SqlQueryResult> QueryAsync(string sql, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        var clock = Stopwatch.StartNew();
        await using var connection = await database.OpenReadOnlyAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = (int)Timeout.TotalSeconds;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<IReadOnlyList<SqlCell>>();
            var truncated = false;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (rows.Count == maxRows)
                {
                    truncated = true;
                    break;
                }

                var row = new SqlCell[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = Cell(reader.GetValue(i));
                }

                rows.Add(row);
            }

            return new SqlQueryResult(columns, rows, truncated, clock.Elapsed);
        }
        catch (DbException exception)
        {
            throw new ArgumentException($"The query failed: {exception.Message}");
        }
    }

    private static SqlCell Cell(object value) => value switch
    {
        DBNull => SqlCell.Null,
        long or int or short or byte or decimal => new SqlCell(Convert.ToString(value, CultureInfo.InvariantCulture), true),
        double d when double.IsFinite(d) => new SqlCell(d.ToString("R", CultureInfo.InvariantCulture), true),
        float f when float.IsFinite(f) => new SqlCell(f.ToString("R", CultureInfo.InvariantCulture), true),
        byte[] bytes => new SqlCell($"<{bytes.Length} bytes>", false),
        DateTime dt => new SqlCell(dt.ToString("O", CultureInfo.InvariantCulture), false),
        DateTimeOffset dto => new SqlCell(dto.ToString("O", CultureInfo.InvariantCulture), false),
        _ => new SqlCell(Convert.ToString(value, CultureInfo.InvariantCulture), false),
    };
}
