using System.Data.Common;

namespace SglangCi.Silo.Storage.Results;

/// <summary>Small ADO.NET helpers shared by the results store's readers and writers.</summary>
internal static class ResultsCommands
{
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Runs one statement with its parameters bound by <paramref name="bind"/>; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, Func<DbCommand, DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = bind(Create(connection, transaction, sql));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every row the command returns, mapped; disposes the command.</summary>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
    }

    /// <summary>Every row of <paramref name="sql"/> on a fresh connection to <paramref name="database"/>, mapped.</summary>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        IResultsDatabase database, string sql, Action<DbCommand> bind, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var command = Create(connection, null, sql);
        bind(command);
        return await ReadAllAsync(command, map, cancellationToken);
    }

    /// <summary>Adds a parameter; null becomes SQL NULL (never 0 or an empty string).</summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static string? GetNullableString(this DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public static double? GetNullableDouble(this DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
    }

    public static double GetDouble(this DbDataReader reader, string column) => reader.GetDouble(reader.GetOrdinal(column));

    public static int GetInt32(this DbDataReader reader, string column) => reader.GetInt32(reader.GetOrdinal(column));

    public static string GetString(this DbDataReader reader, string column) => reader.GetString(reader.GetOrdinal(column));
}
