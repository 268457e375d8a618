using Microsoft.Extensions.Logging.Abstractions;
using SglangCi.Silo.Storage.Postgres;
using SglangCi.Silo.Storage.Results;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Cli.Commands;

/// <summary>
/// <c>--db FILE</c>: work on a SglangCi SQLite file directly instead of through the cluster (the embedded dashboard's
/// file is <c>data/sglang-ci.db</c>). SQLite's WAL lets this run beside a live silo.
/// </summary>
public static class DatabaseFileOption
{
    public const string Template = "--db <FILE>";

    public const string Description =
        "Work directly on this SglangCi SQLite file (e.g. data/sglang-ci.db) instead of through the cluster's gateway.";

    public const string PostgresTemplate = "--postgres <CONNSTRING>";

    public const string PostgresDescription =
        "Work directly on a cluster's PostgreSQL database (its silos' --postgres) instead of a SQLite file; migrated if needed.";

    /// <summary>The SQLite file (<c>--db</c>) or the cluster's PostgreSQL (<c>--postgres</c>), whichever was given.</summary>
    public static IResultsDatabase Open(string? path, string? postgres, bool mustExist) =>
        string.IsNullOrWhiteSpace(postgres)
            ? Open(path ?? throw new ArgumentException("--db or --postgres is required."), mustExist)
            : new PostgresResultsDatabase(new PostgresStorageInitializer(PostgresConnectionStrings.WithPoolCap(postgres), NullLoggerFactory.Instance));

    /// <summary>The database in the file; <paramref name="mustExist"/> refuses a missing file instead of creating one.</summary>
    public static IResultsDatabase Open(string path, bool mustExist)
    {
        var full = Path.GetFullPath(path);
        if (mustExist && !File.Exists(full))
        {
            throw new FileNotFoundException($"No SglangCi database at '{full}' (--db).", full);
        }

        return new SqliteResultsDatabase(new SqliteStorageInitializer(SqliteConnectionStrings.ForFile(full), NullLoggerFactory.Instance));
    }
}
