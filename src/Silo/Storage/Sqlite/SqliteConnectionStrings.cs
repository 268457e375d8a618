using Microsoft.Data.Sqlite;

namespace SglangCi.Silo.Storage.Sqlite;

public static class SqliteConnectionStrings
{
    /// <summary>Seconds a command waits for another connection's write lock before failing.</summary>
    public const int BusyTimeoutSeconds = 30;

    /// <summary>
    /// The connection string every component (Orleans' providers, the results store, the migrations)
    /// uses for the file. Microsoft.Data.Sqlite retries a busy database until <c>Default Timeout</c>
    /// runs out, which is the busy timeout for connections we do not open ourselves.
    /// </summary>
    public static string ForFile(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = BusyTimeoutSeconds,
    }.ToString();
}
