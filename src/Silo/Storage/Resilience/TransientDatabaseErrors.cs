using System.Data.Common;
using Npgsql;

namespace SglangCi.Silo.Storage.Resilience;

/// <summary>
/// Which database failures are worth trying again: the connection went away (a PostgreSQL restart or failover, a network
/// blip) or the server asked to come back later. After a restart every pooled connection is dead and fails once when next
/// used, so one retry per stale connection is exactly what brings a silo back without losing the write.
/// </summary>
public static class TransientDatabaseErrors
{
    // admin_shutdown, crash_shutdown, cannot_connect_now; connection_exception and its kinds.
    private static readonly HashSet<string> ReconnectStates = ["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"];

    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient || ReconnectStates.Contains(postgres.SqlState),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or System.Net.Sockets.SocketException,
        DbException db => db.IsTransient,
        _ => false,
    };
}
