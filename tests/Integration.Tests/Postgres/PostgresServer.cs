using Npgsql;
using SglangCi.Integration.Tests.Infrastructure;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>
/// The PostgreSQL server tests use: <c>SGLCI_POSTGRES</c> (CI starts one on 127.0.0.1 and sets it), a role that may
/// create databases. Each test gets a database of its own (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "SGLCI_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Null when a server is configured, else why the Postgres tests cannot run.</summary>
    public static string? Missing => ConnectionString is null
        ? $"PostgreSQL not configured: set {EnvironmentVariable} to a connection string of a server whose role may create databases"
        : null;

    /// <summary>A fresh, empty database, dropped when disposed.</summary>
    public static async Task<TempPostgresDatabase> CreateDatabaseAsync()
    {
        var admin = ConnectionString ?? throw new InvalidOperationException(Missing + (RequiredInfrastructure.Required ? " (CI requires it)" : ""));
        var name = "sglci_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TempPostgresDatabase(admin, name);
    }
}
