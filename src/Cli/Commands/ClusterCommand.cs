using SglangCi.Cli.Cluster;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands;

/// <summary>A command that needs the cluster: connects to the gateway, runs, and disconnects.</summary>
public abstract class ClusterCommand<TSettings> : AsyncCommand<TSettings>
    where TSettings : ClusterSettings
{
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.ConnectAsync(settings.GatewayEndpoint, cancellationToken);
        return await ExecuteAsync(connection.Client, settings, cancellationToken);
    }

    protected abstract Task<int> ExecuteAsync(IGrainFactory grains, TSettings settings, CancellationToken cancellationToken);
}
