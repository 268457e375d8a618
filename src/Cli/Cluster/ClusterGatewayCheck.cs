using Npgsql;

namespace SglangCi.Cli.Cluster;

/// <summary>
/// Before an Orleans client goes looking for gateways in the membership table, one query says whether it can find any:
/// a database it cannot reach, a cluster with no silo up, each gets its own clear message instead of the client's
/// generic "no gateways" after its timeout.
/// </summary>
public static class ClusterGatewayCheck
{
    // Status 3 is Orleans' SiloStatus.Active; only active silos with a gateway port serve clients.
    private const string ActiveGatewaysSql = """
        SELECT count(*) FROM OrleansMembershipTable
        WHERE DeploymentId = @cluster AND Status = 3 AND ProxyPort > 0;
        """;

    public static async Task EnsureGatewaysAsync(ClusterTarget.Postgres target, CancellationToken cancellationToken)
    {
        long gateways;
        try
        {
            await using var connection = new NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(ActiveGatewaysSql, connection);
            command.Parameters.AddWithValue("cluster", target.ClusterId);
            gateways = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new GatewayUnreachableException(target, "the database holds no SglangCi cluster: no silo has started on it yet");
        }
        catch (ArgumentException)
        {
            // Npgsql's message would quote the part it could not read, which may be the password.
            throw new GatewayUnreachableException(target, "the connection string cannot be read; check its keys (Host, Port, Username, Password, Database) and quote values that hold ';'");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The driver's message, not its exception: an inner exception could print the connection string.
            throw new GatewayUnreachableException(target, $"the cluster database is unreachable: {e.Message}");
        }

        if (gateways == 0)
        {
            throw new GatewayUnreachableException(target, "no silo of the cluster is active");
        }
    }
}
