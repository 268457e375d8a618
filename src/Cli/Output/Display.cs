using System.Globalization;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Cli.Output;

/// <summary>How values look in tables: short, aligned, and a dash where there is nothing.</summary>
public static class Display
{
    public const string None = "[grey]-[/]";

    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : None;

    public static string ShortTime(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) : None;

    public static string Duration(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e ? Duration(e - s) : None;

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}h {span.Minutes:00}m"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m {span.Seconds:00}s"
        : $"{span.TotalSeconds:0.0}s".Replace(',', '.');

    public static string Number(double? value, string format = "0.##") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : None;

    public static string Percent(double? fraction) =>
        fraction is { } f && double.IsFinite(f) ? (f * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : None;

    public static string Text(string? value) =>
        string.IsNullOrEmpty(value) ? None : Spectre.Console.Markup.Escape(value);

    public static string Status(RunStatus status) => status switch
    {
        RunStatus.Succeeded => "[green]succeeded[/]",
        RunStatus.Failed => "[red]failed[/]",
        RunStatus.Skipped => "[yellow]skipped[/]",
        RunStatus.Running => "[blue]running[/]",
        _ => "[grey]queued[/]",
    };

    public static string Status(PhaseStatus status) => status switch
    {
        PhaseStatus.Succeeded => "[green]succeeded[/]",
        PhaseStatus.Failed => "[red]failed[/]",
        PhaseStatus.Skipped => "[yellow]skipped[/]",
        _ => "[blue]running[/]",
    };
}
