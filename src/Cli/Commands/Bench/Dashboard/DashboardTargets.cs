using System.Globalization;
using System.Text.Json;

namespace SglangCi.Cli.Commands.Bench.Dashboard;

/// <summary>What a target is: a read API call (goal: median and p95) or a page (goal: p95 of its server-rendered GET).</summary>
public enum DashboardTargetKind
{
    Api,
    Page,
}

/// <summary>One URL to time, with the name it is reported under (its route, arguments left out).</summary>
public sealed record DashboardTarget(DashboardTargetKind Kind, string Name, string PathAndQuery);

/// <summary>
/// Realistic arguments, found by asking the dashboard's own API: the newest day with runs, a run of that day that
/// succeeded (its hardware and trend series), and the same series' previous night for a comparison.
/// </summary>
public sealed record DashboardArguments(
    string Date,
    string RunId,
    string Hardware,
    string Model,
    string Mode,
    string Host,
    string Load,
    string? PreviousRunId)
{
    /// <summary>
    /// Picks the arguments from the API's answers: <paramref name="days"/> (<c>/api/days</c>), <paramref name="runs"/>
    /// (<c>/api/runs?date=</c> of the newest day) and <paramref name="trend"/> (<c>/api/trends</c> of the chosen run's
    /// series, or null when not asked yet: then there is no previous night).
    /// </summary>
    public static DashboardArguments Choose(JsonElement days, JsonElement runs, JsonElement? trend)
    {
        var date = NewestDay(days);
        var all = runs.EnumerateArray().ToList();
        if (all.Count == 0)
        {
            throw new InvalidOperationException($"/api/runs?date={date} lists no runs although /api/days names that day.");
        }

        // A run with load points, so its page, its comparison and its trend have numbers to show.
        var run = all.Where(r => Is(r, "status", "Succeeded")).OrderBy(r => Is(r, "mode", "online") ? 0 : 1).Concat(all).First();
        var previous = trend?.EnumerateArray()
            .Where(p => string.CompareOrdinal(p.GetProperty("imageDate").GetString(), date) < 0
                && p.GetProperty("host").GetString() == run.GetProperty("host").GetString())
            .Select(p => (Date: p.GetProperty("imageDate").GetString()!, Run: p.GetProperty("runId").GetString()!, Load: p.GetProperty("load").GetDouble()))
            .OrderByDescending(p => p.Date, StringComparer.Ordinal)
            .FirstOrDefault();
        var firstLoad = trend?.EnumerateArray()
            .Where(p => p.GetProperty("runId").GetString() == run.GetProperty("id").GetString())
            .Select(p => p.GetProperty("load").GetDouble())
            .Cast<double?>()
            .FirstOrDefault();
        var load = firstLoad ?? previous?.Load;
        return new DashboardArguments(
            date,
            run.GetProperty("id").GetString()!,
            run.GetProperty("hardware").GetString()!,
            run.GetProperty("model").GetString()!,
            run.GetProperty("mode").GetString()!,
            run.GetProperty("host").GetString()!,
            load is { } l ? l.ToString("0.###", CultureInfo.InvariantCulture) : "all",
            previous is { Run: { } id } ? id : null);
    }

    /// <summary>The newest day with runs in <c>/api/days</c>'s answer (it lists newest first).</summary>
    public static string NewestDay(JsonElement days) =>
        days.EnumerateArray().Select(d => d.GetProperty("day").GetString()).FirstOrDefault(d => d is not null)
        ?? throw new InvalidOperationException("The dashboard has no days with runs (/api/days is empty): import or generate some first.");

    private static bool Is(JsonElement element, string property, string value) =>
        element.TryGetProperty(property, out var p) && string.Equals(p.GetString(), value, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Every read endpoint and every page of the dashboard with realistic arguments: a fixed list of what the pages and the
/// README name, plus any other <c>GET /api/…</c> route the OpenAPI document lists whose path parameters can be filled
/// (<c>{id}</c> a run, <c>{hw}</c> a hardware kind, <c>{date}</c> a day); the rest are reported as not measured.
/// </summary>
public static class DashboardTargets
{
    /// <summary>The SQL explorer's query: the runs of one day by model, mode and status.</summary>
    public static string SqlQuery(string date) =>
        $"SELECT model, mode, status, COUNT(*) AS runs FROM runs WHERE image_date = '{date}' GROUP BY model, mode, status ORDER BY model, mode, status";

    public static IReadOnlyList<DashboardTarget> Build(DashboardArguments a, IEnumerable<string> openApiGetPaths, out IReadOnlyList<string> unmeasured)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(openApiGetPaths);
        var day = DateOnly.ParseExact(a.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string E(string s) => Uri.EscapeDataString(s);
        var series = $"hw={E(a.Hardware)}&model={E(a.Model)}&mode={E(a.Mode)}&host={E(a.Host)}";
        var selection = $"{series}&load={E(a.Load)}&metric=e2e";
        var sql = E(SqlQuery(a.Date));

        var targets = new List<DashboardTarget>
        {
            Api("/api/days", "/api/days"),
            Api("/api/days?from&to", $"/api/days?from={D(day.AddDays(-30))}&to={a.Date}"),
            Api("/api/runs?date", $"/api/runs?date={a.Date}"),
            Api("/api/runs?hardware&from&to", $"/api/runs?hardware={E(a.Hardware)}&from={D(day.AddDays(-7))}&to={a.Date}"),
            Api("/api/runs/{id}", $"/api/runs/{E(a.RunId)}"),
            Api("/api/hardware/days", "/api/hardware/days"),
            Api("/api/hardware/days?from&to", $"/api/hardware/days?from={D(day.AddDays(-120))}&to={a.Date}"),
            Api("/api/hardware/{hw}/nights/{date}", $"/api/hardware/{E(a.Hardware)}/nights/{a.Date}"),
            Api("/api/trends/series", "/api/trends/series"),
            Api("/api/trends?hw&model&mode&host", $"/api/trends?{series}"),
            Api("/api/trends?hw&model&mode", $"/api/trends?hw={E(a.Hardware)}&model={E(a.Model)}&mode={E(a.Mode)}"),
            Api("/api/sql?q", $"/api/sql?q={sql}"),
            Api("/api/sql.csv?q", $"/api/sql.csv?q={sql}"),
            Api("/trends.csv?…", $"/trends.csv?{selection}"),

            Page("/", "/"),
            Page("/?date", $"/?date={a.Date}"),
            Page("/hardware/{hw}", $"/hardware/{E(a.Hardware)}"),
            Page("/hardware/{hw}?date", $"/hardware/{E(a.Hardware)}?date={a.Date}"),
            Page("/trends", "/trends"),
            Page("/trends?hw&model&mode&host&load&metric", $"/trends?{selection}"),
            Page("/runs/{id}", $"/runs/{E(a.RunId)}"),
            Page("/compare?a", $"/compare?a={E(a.RunId)}"),
            Page("/nodes", "/nodes"),
            Page("/database", "/database"),
        };
        if (a.PreviousRunId is { } previous)
        {
            targets.Insert(targets.FindIndex(t => t.Name == "/compare?a"), Page("/compare?a&b", $"/compare?a={E(previous)}&b={E(a.RunId)}"));
        }

        // Routes only the OpenAPI document knows (added after this list was written): measured when their path can be filled.
        var covered = targets.Where(t => t.Kind == DashboardTargetKind.Api).Select(t => t.Name.Split('?')[0]).ToHashSet(StringComparer.Ordinal);
        var skipped = new List<string>();
        foreach (var path in openApiGetPaths.Where(p => p.StartsWith("/api/", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (covered.Contains(path))
            {
                continue;
            }

            var filled = path.Replace("{id}", E(a.RunId), StringComparison.Ordinal)
                .Replace("{hw}", E(a.Hardware), StringComparison.Ordinal)
                .Replace("{date}", a.Date, StringComparison.Ordinal);
            if (filled.Contains('{', StringComparison.Ordinal))
            {
                skipped.Add(path);
                continue;
            }

            targets.Insert(targets.FindIndex(t => t.Kind == DashboardTargetKind.Page), Api(path, filled));
        }

        unmeasured = skipped;
        return targets;
    }

    private static DashboardTarget Api(string name, string url) => new(DashboardTargetKind.Api, name, url);

    private static DashboardTarget Page(string name, string url) => new(DashboardTargetKind.Page, name, url);

    /// <summary>The GET routes of an OpenAPI document.</summary>
    public static IReadOnlyList<string> GetPaths(JsonElement openApi)
    {
        if (!openApi.TryGetProperty("paths", out var paths) || paths.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return paths.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("get", out _)).Select(p => p.Name).ToList();
    }
}
