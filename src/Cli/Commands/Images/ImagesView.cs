using SglangCi.Toolkit.Images;
using Spectre.Console;

namespace SglangCi.Cli.Commands.Images;

/// <summary>
/// Human output of the <c>images</c> commands. The check keeps the old script's verdict words (<c>✓ AVAILABLE</c>,
/// <c>✗ NOT FOUND [optional]</c>, <c>✗ FOUND BUT NOT PULLABLE</c>) so people and greps used to its logs still find them.
/// </summary>
internal static class ImagesView
{
    public static void RenderFind(IAnsiConsole console, NightlyImageResult result)
    {
        foreach (var attempt in result.Attempts)
        {
            var verdict = attempt.FoundTag is null ? "[red]✗ not found[/]" : "[green]✓ found[/]";
            console.MarkupLine($"{attempt.Date:yyyy-MM-dd} {Markup.Escape(result.Hardware)} {Markup.Escape(attempt.Rocm)}: {verdict}");
        }

        if (result.Image is { } image)
        {
            var note = result.IsFallback ? $" [yellow](fallback: {result.Date:yyyy-MM-dd} {Markup.Escape(result.Rocm ?? "")})[/]" : string.Empty;
            console.MarkupLine($"image: [bold]{Markup.Escape(image)}[/]{note}");
        }
        else
        {
            console.MarkupLine($"[red]no nightly image for {Markup.Escape(result.Hardware)} in {Markup.Escape(result.Repository.ToString())}[/]");
        }

        WarnIfTruncated(console, result.ListingEnd, result.PagesRead);
    }

    public static void RenderCheck(IAnsiConsole console, ImageAvailabilityReport report)
    {
        console.MarkupLine($"Repository: {Markup.Escape(report.Repository.ToString())}");
        foreach (var entry in report.Entries)
        {
            var what = $"{entry.Date:yyyy-MM-dd} {entry.Expected.Hardware} {entry.Expected.Rocm}";
            console.MarkupLine($"{Markup.Escape(what)}  {Verdict(entry)}");
            if (entry.Image is { } image)
            {
                console.MarkupLine($"    Image: {Markup.Escape(image)}");
            }

            if (entry.Detail is { } detail)
            {
                console.MarkupLine($"    [grey]{Markup.Escape(detail)}[/]");
            }
        }

        console.WriteLine();
        console.MarkupLine($"Total images checked: {report.Checked}");
        console.MarkupLine($"Available images: {report.AvailableCount}");
        console.MarkupLine($"Missing images: {report.MissingCount} ({report.RequiredMissingCount} required)");
        console.MarkupLine(report.Level switch
        {
            ImageCheckLevel.Ok => "[green]✓ All required images are available (status: ok)[/]",
            ImageCheckLevel.Warning => "[yellow]✗ 1 required image is missing (status: warning)[/]",
            _ => $"[red]✗ {report.RequiredMissingCount} required images are missing (status: error)[/]",
        });
        WarnIfTruncated(console, report.ListingEnd, report.PagesRead);
    }

    private static string Verdict(ImageCheckEntry entry)
    {
        var optional = entry.Expected.Required ? string.Empty : " [[optional]]";
        return entry.Status switch
        {
            ImageAvailability.Available => "[green]✓ AVAILABLE[/]",
            ImageAvailability.NotFound => $"[red]✗ NOT FOUND{optional}[/]",
            _ => $"[red]✗ FOUND BUT NOT PULLABLE{optional}[/]",
        };
    }

    private static void WarnIfTruncated(IAnsiConsole console, TagListingEnd end, int pages)
    {
        if (end == TagListingEnd.PageLimit)
        {
            console.MarkupLine($"[yellow]note:[/] stopped after {pages} tags pages (the page limit); older tags were not searched.");
        }
    }
}
