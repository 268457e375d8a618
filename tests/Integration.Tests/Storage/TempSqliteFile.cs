using Microsoft.Data.Sqlite;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.Storage;

/// <summary>A SQLite file in its own temp folder, removed with its WAL files afterwards.</summary>
public sealed class TempSqliteFile : IDisposable
{
    public TempSqliteFile()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sglangci-storage-" + Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Directory, "sglang-ci.db");
        ConnectionString = SqliteConnectionStrings.ForFile(Path);
    }

    public string Directory { get; }

    public string Path { get; }

    public string ConnectionString { get; }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
