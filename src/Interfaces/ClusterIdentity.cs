namespace SglangCi.Interfaces;

/// <summary>
/// The cluster's fixed identity. The service id tags every row of grain state and every reminder, so it
/// must never change once data exists; the cluster id may differ per deployment.
/// </summary>
public static class ClusterIdentity
{
    public const string ServiceId = "sglang-ci";

    public const string DefaultClusterId = "sglang-ci";

    /// <summary>Name of the grain storage provider every grain of ours uses.</summary>
    public const string StorageName = "ci";

    public const int DefaultSiloPort = 11111;

    public const int DefaultGatewayPort = 30100;
}
