using System.ComponentModel;
using SglangCi.Cli.Cluster;
using SglangCi.Interfaces;
using SglangCi.Silo.Storage.Postgres;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands;

/// <summary>Options every command that talks to the cluster accepts.</summary>
public class ClusterSettings : CommandSettings
{
    [CommandOption("--gateway <HOST:PORT>")]
    [Description("Orleans gateway of the SglangCi cluster (default 127.0.0.1:30100, where the embedded silo of src/Web listens).")]
    public string? Gateway { get; set; }

    [CommandOption("--postgres <CONNSTRING>")]
    [Description("Cluster mode: the cluster's PostgreSQL connection string; any active silo's gateway is used. Without --postgres or --gateway, $SGLCI_CLUSTER_POSTGRES when set.")]
    public string? Postgres { get; set; }

    [CommandOption("--cluster-id <ID>")]
    [Description("Cluster mode: the cluster's id (SglangCi:Cluster:ClusterId of its silos).")]
    [DefaultValue(ClusterIdentity.DefaultClusterId)]
    public string ClusterId { get; set; } = ClusterIdentity.DefaultClusterId;

    [CommandOption("--json")]
    [Description("Print machine-readable JSON on stdout instead of tables.")]
    public bool Json { get; set; }

    /// <summary>
    /// Where to find the cluster, what was typed first: <c>--postgres</c>, then <c>--gateway</c>, then
    /// <c>SGLCI_CLUSTER_POSTGRES</c> (a shell's setting never overrides an option), then the embedded default gateway.
    /// </summary>
    public ClusterTarget Target =>
        Postgres is { Length: > 0 } postgres ? new ClusterTarget.Postgres(postgres, ClusterId)
        : Gateway is not null ? new ClusterTarget.Gateway(ParseGateway(Gateway))
        : Environment.GetEnvironmentVariable(ClusterTarget.PostgresVariable) is { Length: > 0 } fromEnvironment ? new ClusterTarget.Postgres(fromEnvironment, ClusterId)
        : new ClusterTarget.Gateway(ParseGateway(GatewayEndpoint.Default));

    public override ValidationResult Validate()
    {
        if (Postgres is { Length: > 0 } postgres)
        {
            try
            {
                // Its message says what is wrong without quoting the string (which holds the password).
                PostgresConnectionStrings.WithPoolCap(postgres);
            }
            catch (ArgumentException e)
            {
                return ValidationResult.Error($"--postgres: {e.Message}");
            }
        }

        return Gateway is null || GatewayEndpoint.TryParse(Gateway, out _, out var error) ? ValidationResult.Success() : ValidationResult.Error(error);
    }

    private static GatewayEndpoint ParseGateway(string text) =>
        GatewayEndpoint.TryParse(text, out var endpoint, out var error) ? endpoint : throw new InvalidOperationException(error);
}
