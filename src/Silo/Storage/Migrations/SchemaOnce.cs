using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SglangCi.Silo.Storage.Migrations;

/// <summary>
/// Brings one database to the current schema once per process, whoever asks first. A failed attempt is not cached, so
/// the next caller retries and sees the real error again.
/// </summary>
public sealed class SchemaOnce(IMigrationDialect dialect, string connectionString, ILoggerFactory? loggerFactory = null)
{
    private readonly MigrationRunner _runner = new(dialect, logger: (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<MigrationRunner>());
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public string ConnectionString => connectionString;

    /// <param name="beforeFirstRun">Runs before the migrations the first time (e.g. creating the SQLite file's folder).</param>
    public async Task EnsureAsync(CancellationToken cancellationToken, Action? beforeFirstRun = null)
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
                beforeFirstRun?.Invoke();
                await _runner.RunAsync(connectionString, cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
