using System.Globalization;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Web.ViewModels;

/// <summary>How values read on the dashboard: UTC times, short durations, a dash for nothing.</summary>
public static class Formats
{
    public const string None = "—";

    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z" : None;

    public static string ClockTime(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : None;

    public static string Date(DateOnly? value) =>
        value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? None;

    public static string Duration(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e ? Duration(e - s) : None;

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}h {span.Minutes:00}m"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m {span.Seconds:00}s"
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0}s");

    public static string Number(double? value, string format = "0.##") =>
        Finite(value)?.ToString(format, CultureInfo.InvariantCulture) ?? None;

    public static string Percent(double? fraction) =>
        Finite(fraction) is { } f ? (f * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : None;

    /// <summary>A load point as it reads in a legend or a table: <c>4 req/s</c> or <c>concurrency 16</c>.</summary>
    public static string Load(LoadKind kind, double load) => kind == LoadKind.Rate
        ? $"{Number(load, "0.###")} req/s"
        : $"concurrency {Number(load, "0.###")}";

    private static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;
}
