namespace SglangCi.Silo.Hosting;

/// <summary>The <c>SglangCi</c> configuration section: how this process joins (or is) the cluster.</summary>
public sealed class SglangCiOptions
{
    public const string SectionName = "SglangCi";

    /// <summary>Data directory (SQLite file, logs, alerts). Env <c>SGLCI_DATA_DIR</c> wins; default <c>./data</c>.</summary>
    public string? DataDir { get; set; }

    public ClusterSettings Cluster { get; set; } = new();

    public NodeSettings Node { get; set; } = new();

    public FirstStartSettings FirstStart { get; set; } = new();
}

/// <summary>
/// Where the silo lives. <see cref="ClusterMode.Embedded"/> is one process on localhost with SQLite;
/// <see cref="ClusterMode.Cluster"/> is one silo per GPU host on PostgreSQL, which holds membership, grain state,
/// reminders and results; the dashboard and the CLI join it as clients.
/// </summary>
public sealed class ClusterSettings
{
    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    /// <summary>This silo's node name; node grains with this key are placed here. Embedded default: <c>sim-node-1</c>.</summary>
    public string NodeName { get; set; } = "sim-node-1";

    public string ClusterId { get; set; } = Interfaces.ClusterIdentity.DefaultClusterId;

    public int SiloPort { get; set; } = Interfaces.ClusterIdentity.DefaultSiloPort;

    public int GatewayPort { get; set; } = Interfaces.ClusterIdentity.DefaultGatewayPort;

    /// <summary>Cluster mode only: PostgreSQL connection string for membership, grain state, reminders and results.</summary>
    public string? Postgres { get; set; }

    /// <summary>Cluster mode only: the IP address other silos and clients reach this one at; default: the host's first IPv4 that is not loopback.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// Cluster mode only: this silo also serves nodes no silo is named after (simulated nodes added by hand). At most
    /// one silo of a cluster should; off by default, so a typo in a node name fails loudly instead of landing anywhere.
    /// </summary>
    public bool HostUnassignedNodes { get; set; }
}

public enum ClusterMode
{
    Embedded = 0,
    Cluster = 1,
}

/// <summary>What an empty data directory gets on first start.</summary>
public sealed class FirstStartSettings
{
    /// <summary>Seed the simulated node, the preset catalog, the schedules and the default alert channel.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>Run one night of the seeded schedule immediately, so the dashboard has data within minutes.</summary>
    public bool RunNight { get; set; } = true;
}
