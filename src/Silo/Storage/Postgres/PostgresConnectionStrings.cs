using Npgsql;

namespace SglangCi.Silo.Storage.Postgres;

/// <summary>
/// Connection strings for the cluster's PostgreSQL. Npgsql keeps one pool per distinct connection string, so Orleans'
/// three providers on a silo share one; its default of 100 connections would let a handful of silos exhaust the
/// server's <c>max_connections</c> (100 by default), so the pool is capped unless the operator says otherwise.
/// </summary>
public static class PostgresConnectionStrings
{
    /// <summary>Connections one pool of one silo may hold.</summary>
    public const int DefaultMaxPoolSize = 10;

    /// <summary>The connection string with <c>Maximum Pool Size</c> set to <paramref name="maxPoolSize"/> unless it sets its own.</summary>
    public static string WithPoolCap(string connectionString, int maxPoolSize = DefaultMaxPoolSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoolSize, 1);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Npgsql's message quotes the offending part, which may be part of the password: say where, not what, and
            // keep its exception out (a logged exception prints its inner ones).
            throw new ArgumentException("The PostgreSQL connection string is not valid; check its keys (Host, Port, Username, Password, Database) and quote values that hold ';'.", nameof(connectionString));
        }

        // Npgsql's default: the operator did not choose a size (choosing exactly the default reads the same, harmlessly).
        if (builder.MaxPoolSize == new NpgsqlConnectionStringBuilder().MaxPoolSize)
        {
            builder.MaxPoolSize = maxPoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>The connection string without its password, for logs and error messages.</summary>
    public static string Redacted(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Unparseable, so nothing in it can be told apart from the password: show none of it.
            return "(a connection string that cannot be parsed)";
        }

        if (!string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = "****";
        }

        // The client key's passphrase is a secret too.
        if (!string.IsNullOrEmpty(builder.SslPassword))
        {
            builder.SslPassword = "****";
        }

        return builder.ConnectionString;
    }
}
