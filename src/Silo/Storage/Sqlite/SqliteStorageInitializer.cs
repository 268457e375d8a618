using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SglangCi.Silo.Storage.Migrations;

namespace SglangCi.Silo.Storage.Sqlite;

/// <summary>
/// Brings the SQLite file to the current schema once per process, whoever asks first: the silo before its
/// storage providers start, or the results store on its first use (the CLI import runs without a silo).
/// A failed attempt is not cached, so the next caller retries and sees the real error again.
/// </summary>
public sealed class SqliteStorageInitializer
{
    private readonly string _connectionString;
    private readonly MigrationRunner _runner;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public SqliteStorageInitializer(string connectionString, ILoggerFactory? loggerFactory = null)
    {
        _connectionString = connectionString;
        _runner = new MigrationRunner(
            SqliteMigrationDialect.Instance,
            logger: (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<MigrationRunner>());
    }

    public string ConnectionString => _connectionString;

    public async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                CreateDirectoryOfFile();
                await _runner.RunAsync(_connectionString, cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void CreateDirectoryOfFile()
    {
        // SQLite creates the file but not its folder.
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(_connectionString);
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
