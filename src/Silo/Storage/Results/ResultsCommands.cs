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
