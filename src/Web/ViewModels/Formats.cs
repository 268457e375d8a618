using System.Globalization;
using SglangCi.Grains.Reports;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Web.ViewModels;

/// <summary>How values read on the dashboard: UTC times, short durations, a dash for nothing. Dates, numbers and load
/// points read as in every report (<see cref="ReportText"/>), so the CLI's files and the pages agree.</summary>
public static class Formats
{
    public const string None = ReportText.None;

    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z" : None;

    public static string ClockTime(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : None;

    public static string Date(DateOnly? value) => ReportText.Date(value);

    public static string Duration(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e ? Duration(e - s) : None;

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}h {span.Minutes:00}m"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m {span.Seconds:00}s"
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0}s");

    public static string Number(double? value, string format = "0.##") => ReportText.Number(value, format);

    public static string Percent(double? fraction) => ReportText.Percent(fraction);

    /// <summary>A load point as it reads in a legend or a table: <c>4 req/s</c> or <c>concurrency 16</c>.</summary>
    public static string Load(LoadKind kind, double load) => ReportText.Load(kind, load);
}
