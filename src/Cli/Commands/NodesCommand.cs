using System.Globalization;
using SglangCi.Cli.Output;
using SglangCi.Grains.Nodes;
using Spectre.Console;

namespace SglangCi.Cli.Commands;

/// <summary><c>nodes</c>: every registered GPU node and what it is doing.</summary>
public sealed class NodesCommand : ClusterCommand<ClusterSettings>
{
    protected override async Task<int> ExecuteAsync(IGrainFactory grains, ClusterSettings settings, CancellationToken cancellationToken)
    {
        var nodes = await NodeListing.ListAsync(grains, cancellationToken);
        Print(settings, nodes.Select(NodeJson.From).ToList(), () => Render(nodes));
        return ExitCodes.Success;
    }

    private static void Render(IReadOnlyList<ListedNode> nodes)
    {
        if (nodes.Count == 0)
        {
            Consoles.Out.MarkupLine("[grey]no nodes registered[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("node").NoWrap())
            .AddColumns("hardware", "host", "GPUs", "free", "leases", "queue");
        foreach (var (name, status, offline) in nodes)
        {
            if (status is null)
            {
                table.AddRow(Markup.Escape(name), "[red]offline[/]", Display.None, Display.None, Display.None, Display.None, Display.None);
                continue;
            }

            var inventory = status.Inventory;
            table.AddRow(Markup.Escape(name), Display.Text(inventory?.Hardware), Display.Text(inventory?.Host),
                inventory?.GpuCount.ToString(CultureInfo.InvariantCulture) ?? Display.None,
                inventory is null ? Display.None : status.FreeGpus.ToString(CultureInfo.InvariantCulture),
                status.ActiveLeases.Count.ToString(CultureInfo.InvariantCulture),
                status.QueuedRuns.Count.ToString(CultureInfo.InvariantCulture));
        }

        Consoles.Out.Write(table);

        // Run ids are too long for table cells; list who holds and who waits under the table instead.
        foreach (var (name, offline) in nodes.Where(n => !n.IsOnline).Select(n => (n.Name, n.OfflineReason)))
        {
            Consoles.Out.MarkupLine($"[red]{Markup.Escape(name)}[/]: {Markup.Escape(offline ?? "offline")}");
        }

        foreach (var (name, status) in nodes.Where(n => n.Status is { } s && (s.ActiveLeases.Count > 0 || s.QueuedRuns.Count > 0))
                     .Select(n => (n.Name, n.Status!)))
        {
            var tree = new Tree($"[bold]{Markup.Escape(name)}[/]");
            foreach (var lease in status.ActiveLeases)
            {
                tree.AddNode($"[green]holds[/] GPUs {string.Join(',', lease.Gpus)}: {Markup.Escape(lease.RunId)}");
            }

            foreach (var (run, position) in status.QueuedRuns.Select((run, index) => (run, index + 1)))
            {
                tree.AddNode($"[grey]waits #{position}[/]: {Markup.Escape(run)}");
            }

            if (status.WaitReason is { } reason)
            {
                tree.AddNode($"[yellow]why[/]: {Markup.Escape(reason)}");
            }

            Consoles.Out.Write(tree);
        }
    }
}
