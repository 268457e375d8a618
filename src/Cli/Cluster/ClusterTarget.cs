using SglangCi.Silo.Storage.Postgres;

namespace SglangCi.Cli.Cluster;

/// <summary>
/// Where the CLI finds the cluster: one gateway it is told (<c>--gateway host:port</c>, the embedded default), or the
/// cluster's PostgreSQL (<c>--postgres</c> / <c>SGLCI_CLUSTER_POSTGRES</c>), whose membership table lists every active
/// silo's gateway, so any of them will do.
/// </summary>
public abstract record ClusterTarget
{
    /// <summary>The environment variable the CLI reads the cluster's connection string from when <c>--postgres</c> is not given.</summary>
    public const string PostgresVariable = "SGLCI_CLUSTER_POSTGRES";

    private ClusterTarget()
    {
    }

    public sealed record Gateway(GatewayEndpoint Endpoint) : ClusterTarget
    {
        public override string ToString() => $"gateway {Endpoint}";
    }

    public sealed record Postgres(string ConnectionString, string ClusterId) : ClusterTarget
    {
        /// <summary>Never the password: this text goes into error messages.</summary>
        public override string ToString() => $"cluster '{ClusterId}' in {PostgresConnectionStrings.Redacted(ConnectionString)}";
    }
}
