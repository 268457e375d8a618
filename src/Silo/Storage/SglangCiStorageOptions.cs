using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Silo.Storage;

/// <summary>Where SglangCi keeps its data: the data directory with the SQLite file, or PostgreSQL.</summary>
public sealed class SglangCiStorageOptions
{
    /// <summary>Absolute data directory (see <see cref="DataDirectoryResolver"/>): SQLite file, logs, alerts.</summary>
    public string DataDirectory { get; set; } = "";

    public string SqliteFileName { get; set; } = "sglang-ci.db";

    /// <summary>Cluster mode: grain state, reminders and results in PostgreSQL instead of the SQLite file.</summary>
    public string? PostgresConnectionString { get; set; }

    public string SqliteFilePath => Path.Combine(DataDirectory, SqliteFileName);

    /// <summary>The connection string for <see cref="SqliteFilePath"/> that every component shares.</summary>
    public string SqliteConnectionString => SqliteConnectionStrings.ForFile(SqliteFilePath);
}
