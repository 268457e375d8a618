using System.Globalization;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Reports;

/// <summary>
/// How values read in every report, on the dashboard and in the CLI's files alike: invariant culture, a dash for
/// nothing. One place, so a number on the compare page and in <c>sglang-ci compare</c> is the same text.
/// </summary>
public static class ReportText
{
    public const string None = "—";

    public static string Date(DateOnly? value) =>
        value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? None;

    public static string Number(double? value, string format = "0.##") =>
        Finite(value)?.ToString(format, CultureInfo.InvariantCulture) ?? None;

    public static string Percent(double? fraction) =>
        Finite(fraction) is { } f ? (f * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : None;

    /// <summary>A load point as it reads in a legend or a table: <c>4 req/s</c> or <c>concurrency 16</c>.</summary>
    public static string Load(LoadKind kind, double load) => kind == LoadKind.Rate
        ? $"{Number(load, "0.###")} req/s"
        : $"concurrency {Number(load, "0.###")}";

    /// <summary>A stored mode as it reads beside a model: lower case as stored, because those names are the series people know.</summary>
    public static string Mode(string? mode) => string.IsNullOrWhiteSpace(mode) ? None : mode.ToLowerInvariant();

    private static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;
}
