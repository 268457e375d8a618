using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SglangCi.Silo.Storage.Migrations;

/// <summary>
/// Brings a database to the latest schema: applies each pending migration in version order, each in its
/// own transaction together with its <c>schema_migrations</c> row, so a failed script leaves nothing
/// behind and the next start retries it. Applied scripts are verified by checksum on every run.
/// </summary>
public sealed class MigrationRunner
{
    private readonly IMigrationDialect _dialect;
    private readonly IMigrationSource _source;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public MigrationRunner(IMigrationDialect dialect, IMigrationSource? source = null, TimeProvider? time = null, ILogger<MigrationRunner>? logger = null)
    {
        _dialect = dialect;
        _source = source ?? EmbeddedMigrationSource.Instance;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<MigrationRunner>.Instance;
    }

    /// <summary>Applies what is pending and returns the migrations applied by this call (empty when up to date).</summary>
    public async Task<IReadOnlyList<Migration>> RunAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var migrations = _source.Load(_dialect.Name);
        await using var connection = _dialect.CreateConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await _dialect.PrepareConnectionAsync(connection, cancellationToken);
        await ExecuteAsync(connection, null, _dialect.CreateHistoryTableSql, cancellationToken);

        Verify(migrations, await ReadHistoryAsync(connection, null, cancellationToken));

        var applied = new List<Migration>();
        foreach (var migration in migrations)
        {
            if (await ApplyAsync(connection, migration, cancellationToken))
            {
                applied.Add(migration);
            }
        }

        if (applied.Count > 0)
        {
            _logger.LogInformation("Applied {Count} {Dialect} migration(s): {Names}", applied.Count, _dialect.Name,
                string.Join(", ", applied.Select(m => m.DisplayName)));
        }

        return applied;
    }

    private async Task<bool> ApplyAsync(DbConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (_dialect.LockSql is { } lockSql)
        {
            await ExecuteAsync(connection, transaction, lockSql, cancellationToken);
        }

        // Re-read under the transaction's lock: another process may have applied it since the first look.
        var history = await ReadHistoryAsync(connection, transaction, cancellationToken);
        if (history.ContainsKey(migration.Version))
        {
            return false;
        }

        try
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
        }
        catch (DbException ex)
        {
            throw new InvalidOperationException(
                $"Database migration {migration.DisplayName} ({_dialect.Name}) failed and was rolled back: {ex.Message}", ex);
        }

        await using (var record = connection.CreateCommand())
        {
            record.Transaction = transaction;
            record.CommandText = _dialect.InsertHistorySql;
            AddParameter(record, "@version", migration.Version);
            AddParameter(record, "@name", migration.Name);
            AddParameter(record, "@applied_at", _dialect.ToDbTimestamp(_time.GetUtcNow()));
            AddParameter(record, "@checksum", migration.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private void Verify(IReadOnlyList<Migration> migrations, IReadOnlyDictionary<int, AppliedMigration> history)
    {
        var known = migrations.ToDictionary(m => m.Version);
        foreach (var applied in history.Values.OrderBy(a => a.Version))
        {
            if (!known.TryGetValue(applied.Version, out var migration))
            {
                throw new InvalidOperationException(
                    $"The database has migration {applied.Version:D4}_{applied.Name} ({_dialect.Name}) that this build does not know: " +
                    "it was written by a newer SglangCi. Run that version or newer against it.");
            }

            if (!string.Equals(applied.Checksum, migration.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new MigrationChecksumMismatchException(_dialect.Name, migration.DisplayName, applied.Checksum, migration.Checksum);
            }
        }
    }

    private async Task<IReadOnlyDictionary<int, AppliedMigration>> ReadHistoryAsync(
        DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _dialect.SelectHistorySql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var history = new Dictionary<int, AppliedMigration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var version = Convert.ToInt32(reader.GetValue(reader.GetOrdinal("version")), System.Globalization.CultureInfo.InvariantCulture);
            history[version] = new AppliedMigration(version, reader.GetString(reader.GetOrdinal("name")), reader.GetString(reader.GetOrdinal("checksum")));
        }

        return history;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed record AppliedMigration(int Version, string Name, string Checksum);
}
