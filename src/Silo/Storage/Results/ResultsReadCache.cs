using System.Collections.Concurrent;
using System.Data.Common;

namespace SglangCi.Silo.Storage.Results;

/// <summary>
/// Remembers the answers of the dashboard's summary queries (every series, every day's counts) until the results
/// tables change, so a page does not re-aggregate a year of nights on every view. Whether anything changed is asked
/// of the database itself through its dialect's <see cref="IResultsDialect.ChangeVersionSql"/> on a connection kept
/// for that (SQLite's <c>PRAGMA data_version</c> only changes when another connection, such as a run saving its
/// results, an import or another process, commits, and costs microseconds). An answer is used only while the version
/// it was read at is still current, so nothing stale is ever served. Bounded: at most <see cref="Capacity"/> answers;
/// when full, it starts over. On a database whose dialect has no change counter every call reads through. The kept
/// connection stays open for the cache's lifetime (on PostgreSQL, one connection of the pool).
/// </summary>
public sealed class ResultsReadCache(IResultsDatabase database) : IAsyncDisposable, IDisposable
{
    public const int Capacity = 512;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _watchLock = new(1, 1);
    private DbConnection? _watch;

    /// <summary>The remembered answer for <paramref name="key"/> if the tables have not changed since; else <paramref name="load"/>'s.</summary>
    public async Task<T> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        var version = await VersionAsync(cancellationToken);
        if (version is null)
        {
            return await load(cancellationToken);
        }

        if (_entries.TryGetValue(key, out var entry) && entry.Version == version && entry.Value is T value)
        {
            return value;
        }

        // Read after taking the version: if a write lands in between, the answer is newer than its version says,
        // and the next call sees a new version and reads again.
        var loaded = await load(cancellationToken);
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(version.Value, loaded);
        return loaded;
    }

    /// <summary>The database's change counter as this cache's own connection sees it; null when it has none.</summary>
    public async Task<long?> VersionAsync(CancellationToken cancellationToken)
    {
        if (database.Dialect.ChangeVersionSql is not { } versionSql)
        {
            return null;
        }

        await _watchLock.WaitAsync(cancellationToken);
        try
        {
            var kept = _watch is not null;
            try
            {
                return await ReadVersionAsync(versionSql, cancellationToken);
            }
            catch (DbException) when (kept && !cancellationToken.IsCancellationRequested)
            {
                // The kept connection may have been cut since its last use (a PostgreSQL restart, an idle timeout): a
                // fresh one answers, or fails for a reason worth reporting.
                return await ReadVersionAsync(versionSql, cancellationToken);
            }
        }
        finally
        {
            _watchLock.Release();
        }
    }

    private async Task<long> ReadVersionAsync(string versionSql, CancellationToken cancellationToken)
    {
        try
        {
            if (_watch is null)
            {
                _watch = await database.OpenAsync(cancellationToken);

                // SQLite's data_version counts per connection: numbers read on the previous one mean nothing now.
                _entries.Clear();
            }

            await using var command = _watch.CreateCommand();
            command.CommandText = versionSql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch
        {
            // A broken connection is opened again next time.
            if (_watch is not null)
            {
                await _watch.DisposeAsync();
                _watch = null;
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
            _watch = null;
        }

        _watchLock.Dispose();
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _watch = null;
        _watchLock.Dispose();
    }

    private sealed record Entry(long Version, object? Value);
}
