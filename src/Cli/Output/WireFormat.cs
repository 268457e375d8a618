using System.Globalization;

namespace SglangCi.Cli.Output;

/// <summary>How values look in the JSON contract: ISO 8601 UTC to the second, finite numbers or null.</summary>
public static class WireFormat
{
    public static string? Time(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Date(DateOnly? value) =>
        value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>JSON has no NaN or infinity; a metric that could not be computed is absent.</summary>
    public static double? Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v : null;

    public static string Lower<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
