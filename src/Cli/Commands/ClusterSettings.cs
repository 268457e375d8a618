using System.ComponentModel;
using SglangCi.Cli.Cluster;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands;

/// <summary>Options every command that talks to the cluster accepts.</summary>
public class ClusterSettings : CommandSettings
{
    [CommandOption("--gateway <HOST:PORT>")]
    [Description("Orleans gateway of the SglangCi cluster (the embedded silo of src/Web listens on 30100).")]
    [DefaultValue(GatewayEndpoint.Default)]
    public string Gateway { get; set; } = GatewayEndpoint.Default;

    [CommandOption("--json")]
    [Description("Print machine-readable JSON on stdout instead of tables.")]
    public bool Json { get; set; }

    public GatewayEndpoint GatewayEndpoint =>
        GatewayEndpoint.TryParse(Gateway, out var endpoint, out var error) ? endpoint : throw new InvalidOperationException(error);

    public override ValidationResult Validate() =>
        GatewayEndpoint.TryParse(Gateway, out _, out var error) ? ValidationResult.Success() : ValidationResult.Error(error);
}
