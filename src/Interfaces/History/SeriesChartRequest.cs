using System.Globalization;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Interfaces.History;

/// <summary>
/// Which chart of a benchmark series the dashboard draws at <c>/charts/series.png</c>: one metric of (hardware, model,
/// mode, load point), one host or all of them, over the last <see cref="Nights"/> image dates up to <see cref="Night"/>
/// (ringed) or the series' latest night. Alert cards embed its <see cref="ToRelativeUrl"/> behind the dashboard's public
/// address, so the URL is the contract: <see cref="TryParse"/> reads back exactly what it writes.
/// </summary>
public sealed record SeriesChartRequest(
    string Hardware,
    string Model,
    string Mode,
    string? Host,
    string Metric,
    LoadKind LoadKind,
    double Load,
    DateOnly? Night = null,
    int Nights = SeriesChartRequest.DefaultNights)
{
    public const string Path = "/charts/series.png";

    public const int DefaultNights = 30;

    /// <summary>A quarter of a year of nightly points is already too dense for 800 pixels; more only costs the query.</summary>
    public const int MaxNights = 120;

    public const string DateFormat = "yyyy-MM-dd";

    // Names are free text from the database, but a chart title holds a few words: longer input is a malformed URL.
    private const int MaxNameLength = 200;

    /// <summary>
    /// The metrics a chart can show, by their wire names: those of the analysis' <c>SeriesMetric.All</c>, which lives in
    /// the grains assembly this one cannot reference (a test keeps the two lists equal).
    /// </summary>
    public static IReadOnlyList<string> MetricNames { get; } =
        ["e2e-median-ms", "e2e-p99-ms", "ttft-median-ms", "itl-median-ms", "tpot-median-ms", "output-tok-s"];

    /// <summary>The load kinds by their wire names (lower case, as people type them).</summary>
    public static string LoadKindName(LoadKind kind) => kind switch
    {
        LoadKind.Concurrency => "concurrency",
        LoadKind.Rate => "rate",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown load kind"),
    };

    /// <summary>The chart's path and query string, values escaped, optional parts left out; prefix the dashboard's address.</summary>
    public string ToRelativeUrl()
    {
        var parts = new List<(string Key, string? Value)>
        {
            ("hardware", Hardware),
            ("model", Model),
            ("mode", Mode),
            ("host", Host),
            ("metric", Metric),
            ("load-kind", LoadKindName(LoadKind)),
            // The shortest text that parses back to the same double (invariant, so never a decimal comma).
            ("load", Load.ToString("R", CultureInfo.InvariantCulture)),
            ("night", Night?.ToString(DateFormat, CultureInfo.InvariantCulture)),
            ("nights", Nights == DefaultNights ? null : Nights.ToString(CultureInfo.InvariantCulture)),
        };
        var query = parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}");
        return Path + "?" + string.Join('&', query);
    }

    /// <summary>
    /// Reads a request from query parameters (unescaped values, as a web framework hands them over). False with an
    /// error that names the first missing or malformed parameter; unknown parameters are ignored (cache busters).
    /// </summary>
    public static bool TryParse(IReadOnlyDictionary<string, string?> query, out SeriesChartRequest? request, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        request = null;
        // Every parameter is read (so each out value is assigned); the error reported is the first in URL order.
        var errors = new[]
        {
            Required(query, "hardware", out var hardware),
            Required(query, "model", out var model),
            Required(query, "mode", out var mode),
            Optional(query, "host", out var host),
            ParseMetric(query, out var metric),
            ParseLoadKind(query, out var loadKind),
            ParseLoad(query, out var load),
            ParseNight(query, out var night),
            ParseNights(query, out var nights),
        };
        error = errors.FirstOrDefault(e => e is not null);
        if (error is not null)
        {
            return false;
        }

        request = new SeriesChartRequest(hardware!, model!, mode!, host, metric!, loadKind, load, night, nights);
        return true;
    }

    private static string? Value(IReadOnlyDictionary<string, string?> query, string key) =>
        query.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string? Required(IReadOnlyDictionary<string, string?> query, string key, out string? value)
    {
        value = Value(query, key);
        return value switch
        {
            null => $"parameter '{key}' is required",
            { Length: > MaxNameLength } => $"parameter '{key}' is longer than {MaxNameLength} characters",
            _ => null,
        };
    }

    private static string? Optional(IReadOnlyDictionary<string, string?> query, string key, out string? value)
    {
        value = Value(query, key);
        return value is { Length: > MaxNameLength } ? $"parameter '{key}' is longer than {MaxNameLength} characters" : null;
    }

    private static string? ParseMetric(IReadOnlyDictionary<string, string?> query, out string? metric)
    {
        var given = Value(query, "metric");
        metric = MetricNames.FirstOrDefault(m => string.Equals(m, given, StringComparison.OrdinalIgnoreCase));
        return given is null ? "parameter 'metric' is required; one of " + string.Join(", ", MetricNames)
            : metric is null ? $"parameter 'metric': unknown metric '{given}'; one of " + string.Join(", ", MetricNames)
            : null;
    }

    private static string? ParseLoadKind(IReadOnlyDictionary<string, string?> query, out LoadKind kind)
    {
        kind = LoadKind.Concurrency;
        var given = Value(query, "load-kind");
        if (given is null)
        {
            return "parameter 'load-kind' is required; concurrency or rate";
        }

        foreach (var candidate in Enum.GetValues<LoadKind>())
        {
            if (string.Equals(LoadKindName(candidate), given, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return null;
            }
        }

        return $"parameter 'load-kind': unknown load kind '{given}'; concurrency or rate";
    }

    private static string? ParseLoad(IReadOnlyDictionary<string, string?> query, out double load)
    {
        load = 0;
        var given = Value(query, "load");
        return given is null ? "parameter 'load' is required"
            : !double.TryParse(given, NumberStyles.Float, CultureInfo.InvariantCulture, out load) || !double.IsFinite(load) || load < 0
                ? $"parameter 'load': '{given}' is not a non-negative number"
                : null;
    }

    private static string? ParseNight(IReadOnlyDictionary<string, string?> query, out DateOnly? night)
    {
        night = null;
        var given = Value(query, "night");
        if (given is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(given, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return $"parameter 'night': '{given}' is not a date ({DateFormat})";
        }

        night = parsed;
        return null;
    }

    private static string? ParseNights(IReadOnlyDictionary<string, string?> query, out int nights)
    {
        nights = DefaultNights;
        var given = Value(query, "nights");
        return given is null ? null
            : !int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out nights) || nights < 1 || nights > MaxNights
                ? $"parameter 'nights': '{given}' is not a whole number from 1 to {MaxNights}"
                : null;
    }
}
