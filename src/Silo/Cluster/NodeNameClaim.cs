using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;

namespace SglangCi.Silo.Cluster;

/// <summary>
/// Makes "one silo per node name" a rule of the database, not a convention: before joining the cluster the silo takes a
/// session-level PostgreSQL advisory lock named after (cluster, node) on a connection it keeps for its whole life. A
/// second silo with the same name finds the lock taken and refuses to start (<see cref="NodeNameTakenException"/>).
/// The membership table cannot say this by itself: a silo killed a moment ago still reads "active" there until the
/// others vote it dead, while its lock went away with its connection.
/// A host that crashed or lost its network leaves its session behind on the server until the server notices, so the
/// claim's session asks the server to notice quickly (TCP keepalives, an idle timeout its own watch never lets expire),
/// and a silo finding its name taken waits <see cref="Grace"/> before refusing. If the database restarts, the lock goes
/// with the session; the watch takes it again (ending a stale session of its own if one still holds it), and stops this
/// silo should another silo hold the name for longer than the grace.
/// </summary>
internal sealed partial class NodeNameClaim(
    string connectionString,
    string clusterId,
    string nodeName,
    IHostApplicationLifetime lifetime,
    ILogger<NodeNameClaim> logger) : ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    /// <summary>After the schema (stage First), before membership reads or writes the table.</summary>
    public const int Stage = ServiceLifecycleStage.RuntimeInitialize - 100;

    /// <summary>How long a taken name is waited for: longer than the server needs to drop a dead peer's session.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(75);

    private static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(5);

    // Keepalives: a dead peer is noticed within about 25 s. The idle timeout ends a session nobody uses for a minute
    // (the watch touches it every 10 s, so only an orphan ever reaches it).
    private const string SessionSettings = """
        SET tcp_keepalives_idle = 10;
        SET tcp_keepalives_interval = 5;
        SET tcp_keepalives_count = 3;
        SET idle_session_timeout = '60s';
        """;

    private readonly CancellationTokenSource _stopping = new();
    private NpgsqlConnection? _connection;
    private int? _backendPid;
    private Task? _watch;

    /// <summary>The lock key: 64 bits of SHA-256 over the cluster id and node name, so every silo computes the same one.</summary>
    public long LockKey { get; } = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"sglang-ci/node-claim/{clusterId}/{nodeName}")), 0);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(NodeNameClaim), Stage, ClaimAsync, ReleaseAsync);

    private async Task ClaimAsync(CancellationToken cancellationToken)
    {
        if (!await ClaimWithinGraceAsync(cancellationToken))
        {
            throw new NodeNameTakenException(nodeName, await DescribeHolderAsync(cancellationToken));
        }

        LogClaimed(logger, nodeName);
        _watch = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Tries to take the lock until it is taken or <see cref="Grace"/> has passed.</summary>
    private async Task<bool> ClaimWithinGraceAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Grace;
        while (true)
        {
            if (await TryClaimAsync(cancellationToken))
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            LogWaitingForName(logger, nodeName, await DescribeHolderAsync(cancellationToken) ?? "a silo not in the membership table", Grace);
            await Task.Delay(RetryPeriod, cancellationToken);
        }
    }

    private async Task<bool> TryClaimAsync(CancellationToken cancellationToken)
    {
        var previousPid = _backendPid;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        // Its own, unpooled connection: a pooled one would go back to the pool (and keep the lock) when closed, and the
        // pool may recycle it; this one lives exactly as long as the claim.
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = $"sglang-ci node {nodeName}",
            KeepAlive = 10,
        };
        _connection = new NpgsqlConnection(builder.ConnectionString);
        await _connection.OpenAsync(cancellationToken);
        await using (var settings = new NpgsqlCommand(SessionSettings, _connection))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        if (previousPid is { } stale && stale != _connection.ProcessID && await HolderPidAsync(cancellationToken) == stale)
        {
            // Our own session from before a network blip still holds the lock: the server has not noticed it is gone.
            await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid);", _connection);
            terminate.Parameters.AddWithValue("pid", stale);
            await terminate.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key);", _connection);
        command.Parameters.AddWithValue("key", LockKey);
        var claimed = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        _backendPid = claimed ? _connection.ProcessID : previousPid;
        return claimed;
    }

    /// <summary>The server process holding the lock, if any (an advisory lock on a bigint key is classid:objid, objsubid 1).</summary>
    private async Task<int?> HolderPidAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT pid FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = @key
            LIMIT 1;
            """, _connection);
        command.Parameters.AddWithValue("key", LockKey);
        return await command.ExecuteScalarAsync(cancellationToken) is int pid ? pid : null;
    }

    /// <summary>Who holds the name, as the membership table knows it (best effort: the refusal stands either way).</summary>
    private async Task<string?> DescribeHolderAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand("""
                SELECT HostName, Address, Port, StartTime FROM OrleansMembershipTable
                WHERE DeploymentId = @cluster AND SiloName = @node AND Status = 3
                ORDER BY StartTime DESC LIMIT 1;
                """, _connection);
            command.Parameters.AddWithValue("cluster", clusterId);
            command.Parameters.AddWithValue("node", nodeName);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? $"host {reader.GetString(0)}, silo {reader.GetString(1)}:{reader.GetInt32(2)}, started {reader.GetDateTime(3):yyyy-MM-dd HH:mm:ss}Z"
                : null;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task WatchAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(WatchPeriod);
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
        {
            try
            {
                if (await StillHeldAsync(stopping))
                {
                    continue;
                }

                if (await ClaimWithinGraceAsync(stopping))
                {
                    LogReclaimed(logger, nodeName);
                    continue;
                }

                // A non-zero exit, so a service manager restarts the silo, whose start then refuses or claims cleanly.
                LogLost(logger, nodeName);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !stopping.IsCancellationRequested)
            {
                // The database is away; the claim is re-taken when it is back (and the watch says so then).
                LogDatabaseAway(logger, nodeName, e.Message);
            }
        }
    }

    private async Task<bool> StillHeldAsync(CancellationToken cancellationToken)
    {
        if (_connection is not { State: System.Data.ConnectionState.Open })
        {
            return false;
        }

        try
        {
            return await HolderPidAsync(cancellationToken) == _connection.ProcessID;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    // Runs at lifecycle stop and again at disposal (the container disposes the claim once per registration): idempotent.
    private async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_watch is not null)
        {
            await _watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // Closing the session releases the lock.
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    // The token source holds no timer, so it is left to the collector rather than disposed under a second ReleaseAsync.
    public ValueTask DisposeAsync() => new(ReleaseAsync(CancellationToken.None));

    [LoggerMessage(Level = LogLevel.Information, Message = "Claimed node name {Node} for this silo")]
    private static partial void LogClaimed(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node name {Node} is held by {Holder}; waiting up to {Grace} in case that silo is gone and its session lingers")]
    private static partial void LogWaitingForName(ILogger logger, string node, string holder, TimeSpan grace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-claimed node name {Node} after losing the database connection")]
    private static partial void LogReclaimed(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot check the claim on node name {Node}: {Reason}")]
    private static partial void LogDatabaseAway(ILogger logger, string node, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Another silo holds node name {Node} since the database connection was lost: stopping this silo")]
    private static partial void LogLost(ILogger logger, string node);
}
