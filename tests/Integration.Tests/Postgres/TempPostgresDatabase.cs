using Npgsql;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>A database created for one test on the test server, dropped (with any connection still open) afterwards.</summary>
public sealed class TempPostgresDatabase(string adminConnectionString, string name) : IAsyncDisposable
{
    public string Name => name;

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;

    /// <summary>The first column of the first row of <paramref name="sql"/>.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first column of every row of <paramref name="sql"/>, as text.</summary>
    public async Task<IReadOnlyList<string>> ColumnAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
