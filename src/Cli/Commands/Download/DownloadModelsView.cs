using SglangCi.Toolkit.Downloads;
using Spectre.Console;

namespace SglangCi.Cli.Commands.Download;

/// <summary>Tables for people: per model what was (or would be) downloaded, or what is on disk.</summary>
public static class DownloadModelsView
{
    public static void RenderResults(IAnsiConsole console, DownloadModelsJson report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var title = report.DryRun ? $"download-models · dry run, nothing written · {report.BaseDir}" : $"download-models · {report.BaseDir}";
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
            .AddColumn("model").AddColumn("repo").AddColumn("directory")
            .AddColumn(new TableColumn("files").RightAligned()).AddColumn(new TableColumn("size").RightAligned())
            .AddColumn(new TableColumn("present").RightAligned())
            .AddColumn(new TableColumn(report.DryRun ? "to download" : "downloaded").RightAligned())
            .AddColumn("outcome");
        foreach (var model in report.Models)
        {
            var outcome = model.Error is { } error
                ? $"[red]failed[/]: {Markup.Escape(error)}"
                : model.BytesToDownload == 0 ? "[green]complete[/]"
                : report.DryRun ? "[yellow]would download[/]" : "[green]downloaded[/]";
            table.AddRow(
                Markup.Escape(model.Key),
                Markup.Escape(model.HfRepo),
                Markup.Escape(model.LocalDir),
                model.Files is { } files ? $"{(report.DryRun ? model.FilesComplete : model.FilesComplete + model.FilesDownloaded)}/{files}" : "-",
                Bytes(model.TotalBytes),
                Bytes(model.PresentBytes),
                report.DryRun ? Bytes(model.BytesToDownload) : Bytes(model.BytesTransferred),
                outcome);
        }

        console.Write(table);
        var bytes = report.DryRun ? report.Models.Sum(m => m.BytesToDownload ?? 0) : report.Models.Sum(m => m.BytesTransferred ?? 0);
        var failed = report.Models.Count(m => m.Error is not null);
        console.MarkupLine($"{(report.DryRun ? "would download" : "downloaded")} {Markup.Escape(ByteSize.Format(bytes))} for {report.Models.Count} model(s)" +
            (failed > 0 ? $", [red]{failed} failed[/]" : string.Empty));
    }

    public static void RenderStatus(IAnsiConsole console, string baseDir, IReadOnlyList<ModelStatusJson> models)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(models);
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"download-models · status · {baseDir}"))
            .AddColumn("model").AddColumn("repo").AddColumn("directory").AddColumn("state")
            .AddColumn(new TableColumn("on disk").RightAligned()).AddColumn(new TableColumn("approx size").RightAligned())
            .AddColumn(new TableColumn("files").RightAligned()).AddColumn(new TableColumn("incomplete").RightAligned());
        foreach (var model in models)
        {
            var state = model.State switch
            {
                "present" => "[green]present[/]",
                "partial" => "[yellow]partial[/]",
                _ => "[grey]missing[/]",
            };
            table.AddRow(Markup.Escape(model.Key), Markup.Escape(model.HfRepo), Markup.Escape(model.LocalDir), state,
                Bytes(model.BytesOnDisk), Bytes(model.ApproxBytes), model.Files.ToString(System.Globalization.CultureInfo.InvariantCulture),
                model.IncompleteFiles.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
    }

    private static string Bytes(long? bytes) => bytes is { } b ? Markup.Escape(ByteSize.Format(b)) : "-";
}
