using Microsoft.Extensions.Logging;
using SglangCi.Silo.Storage.Migrations;

namespace SglangCi.Silo.Storage.Sqlite;

/// <summary>
/// Brings the SQLite file to the current schema once per process, whoever asks first: the silo before its
/// storage providers start, or the results store on its first use (the CLI import runs without a silo).
/// </summary>
public sealed class SqliteStorageInitializer(string connectionString, ILoggerFactory? loggerFactory = null)
{
    private readonly SchemaOnce _schema = new(SqliteMigrationDialect.Instance, connectionString, loggerFactory);

    public string ConnectionString => connectionString;

    public Task EnsureInitializedAsync(CancellationToken cancellationToken) => _schema.EnsureAsync(cancellationToken, CreateDirectoryOfFile);

    private void CreateDirectoryOfFile()
    {
        // SQLite creates the file but not its folder.
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
