using Microsoft.Data.Sqlite;

namespace SglangCi.Silo.Storage.Sqlite;

/// <summary>Opens connections of our own code to the SQLite file.</summary>
public static class SqliteConnections
{
    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // SQLite's own busy handler as well as the driver's retry loop: it also covers the lock taken
            // by BEGIN IMMEDIATE, so a writer waits for another writer instead of failing at once.
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {SqliteConnectionStrings.BusyTimeoutSeconds * 1000};";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
