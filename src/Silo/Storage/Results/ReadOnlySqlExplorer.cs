using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using SglangCi.Grains.Sql;
using SglangCi.Interfaces.Sql;

namespace SglangCi.Silo.Storage.Results;

/// <summary>
/// The SQL explorer's engine: one statement on a connection that cannot write (see
/// <see cref="IResultsDatabase.OpenReadOnlyAsync"/>), with a time limit and a row limit. Safety comes from the
/// connection, never from reading the SQL; the text is only checked for a second statement, because the driver would
/// run every statement of it in turn. Every refusal comes back as an <see cref="ArgumentException"/> (bad input, like
/// any SQL error) whose message says what happened: the database's own message, the time limit, or where the second
/// statement starts.
/// </summary>
/// <param name="timeout">
/// How long one query may run; <see cref="DefaultTimeout"/> unless a test needs a shorter one to prove it holds.
/// </param>
public sealed class ReadOnlySqlExplorer(IResultsDatabase database, TimeSpan? timeout = null) : ISqlExplorer
{
    /// <summary>
    /// Under Orleans' 30-s response timeout on purpose: a query stopped here reaches the dashboard as this explorer's
    /// message, not as a grain-call timeout that says nothing about the query.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(25);

    private readonly TimeSpan _timeout = timeout ?? DefaultTimeout;

    public async Task<SqlQueryResult> QueryAsync(string sql, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        if (SingleStatement.SecondStatementAt(sql) is { } second)
        {
            throw new ArgumentException(
                $"The query failed: one statement at a time: found a second statement at character {second + 1}; nothing was run.");
        }

        var clock = Stopwatch.StartNew();
        return await RunAsync(sql, cancellationToken, async reader =>
        {
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
        });
    }

    /// <remarks>The engine's catalog, read through the dialect's <see cref="IResultsDialect.CatalogSql"/>.</remarks>
    public Task<IReadOnlyList<SqlSchemaObject>> SchemaAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<SqlSchemaObject>>(database.Dialect.CatalogSql, cancellationToken, async reader =>
        {
            var objects = new List<SqlSchemaObject>();
            List<SqlSchemaColumn>? columns = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                if (objects.Count == 0 || objects[^1].Name != name)
                {
                    columns = [];
                    var kind = reader.GetString(1) == "view" ? SqlObjectKind.View : SqlObjectKind.Table;
                    objects.Add(new SqlSchemaObject(name, kind, columns));
                }

                columns!.Add(new SqlSchemaColumn(
                    reader.GetString(2),
                    reader.IsDBNull(3) ? string.Empty : reader.GetString(3),
                    reader.GetInt64(4) != 0,
                    reader.GetInt64(5) != 0));
            }

            return objects;
        });

    /// <summary>
    /// Runs <paramref name="sql"/> on a fresh read-only connection under the time limit. Drivers' command timeouts do
    /// not bound everything (Microsoft.Data.Sqlite steps SQLite on the calling thread and its timeout only bounds
    /// waiting for locks), so the limit is a timer that stops the running statement from outside through
    /// <see cref="IResultsDatabase.Interrupt"/>; the stopped statement then fails and is reported as having run too long.
    /// </summary>
    private async Task<T> RunAsync<T>(string sql, CancellationToken cancellationToken, Func<DbDataReader, Task<T>> read)
    {
        await using var connection = await database.OpenReadOnlyAsync(cancellationToken);
        await using var command = database.CreateReadOnlyCommand(connection, sql);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_timeout);
        // Disposed before the connection (declared after it): interrupting a closed connection is not safe.
        await using var interrupt = limit.Token.Register(() => database.Interrupt(command));
        try
        {
            await using var reader = await command.ExecuteReaderAsync(limit.Token);
            return await read(reader);
        }
        catch (Exception exception) when (exception is DbException or OperationCanceledException
            && limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ArgumentException(
                $"The query ran longer than {_timeout.TotalSeconds:0.###} s and was stopped. Narrow it (WHERE, LIMIT) and run it again.");
        }
        catch (DbException exception)
        {
            throw new ArgumentException($"The query failed: {database.Describe(exception)}");
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
