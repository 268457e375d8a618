namespace SglangCi.Cli.Cluster;

/// <summary>The client could not connect to the cluster; the message says where it looked and how to start a silo.</summary>
public sealed class GatewayUnreachableException : Exception
{
    public GatewayUnreachableException(GatewayEndpoint gateway, string? detail = null, Exception? inner = null)
        : base($"cannot reach the SglangCi gateway at {gateway} — is the silo running? (dotnet run --project src/Web)"
            + (detail is null ? "" : $" [{detail}]"), inner)
    {
    }

    public GatewayUnreachableException(ClusterTarget.Postgres cluster, string detail)
        : base($"cannot reach the SglangCi {cluster}: {detail} (start a silo: dotnet run --project src/Silo -- --node NAME --postgres …)")
    {
    }
}
