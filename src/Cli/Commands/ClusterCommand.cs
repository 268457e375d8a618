using SglangCi.Cli.Cluster;
using SglangCi.Cli.Output;
using SglangCi.Interfaces;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands;

/// <summary>A command that needs the cluster: connects to the gateway, runs, and disconnects.</summary>
public abstract class ClusterCommand<TSettings> : AsyncCommand<TSettings>
    where TSettings : ClusterSettings
{
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.ConnectAsync(settings.Target, cancellationToken);
        return await ExecuteAsync(connection.Client, settings, cancellationToken);
    }

    protected abstract Task<int> ExecuteAsync(IGrainFactory grains, TSettings settings, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="json"/> to stdout under <c>--json</c>, else renders for people.</summary>
    protected static void Print(TSettings settings, object json, Action render)
    {
        if (settings.Json)
        {
            JsonOutput.Write(json);
        }
        else
        {
            render();
        }
    }

    /// <summary>The names the cluster's catalog registers of one kind, in ordinal order.</summary>
    protected static async Task<IReadOnlyList<string>> CatalogNamesAsync(IGrainFactory grains, CatalogKind kind) =>
        (await grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).List(kind)).Order(StringComparer.Ordinal).ToList();
}
