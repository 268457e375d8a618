using System.Globalization;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Analysis;
using SglangCi.Interfaces.Hardware;
using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Runs;
using SglangCi.Interfaces.Upstream;
using SglangCi.Web.ViewModels.Hardware;

namespace SglangCi.Web.Api;

/// <summary>
/// The read API under <c>/api</c>: what the pages show, as JSON, for scripts and other dashboards. Every call goes to
/// the same query grains the pages use; dates are <c>yyyy-MM-dd</c> image dates (a run without an image counts on its
/// start date, UTC). Described by the OpenAPI document at <c>/openapi/v1.json</c>.
/// </summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("dashboard");

        api.MapGet("/days", (IGrainFactory grains, string? from, string? to) =>
                WithDates(from, to, (f, t) => grains.GetGrain<IRunQueryGrain>(0).RunDays(f, t)))
            .WithSummary("Days that have runs, newest first, with their run and failure counts.");

        api.MapGet("/runs", (IGrainFactory grains, string? date, string? from, string? to, string? hardware, string? node, string? preset, int? limit) =>
                WithDates(date ?? from, date ?? to, (f, t) => grains.GetGrain<IRunQueryGrain>(0)
                    .QueryRuns(new RunQuery(f, t, hardware, node, preset, Math.Clamp(limit ?? 500, 1, 5000)))))
            .WithSummary("Runs filtered by day (date, or from/to), hardware, node and preset; newest first.");

        api.MapGet("/runs/{id}", async (IGrainFactory grains, string id) =>
                await grains.GetGrain<IRunQueryGrain>(0).GetRun(id) is { } run ? Results.Ok(run) : Results.NotFound(new { error = $"no run '{id}'" }))
            .WithSummary("One run: phases, GSM8K gate and trials, every load point, offline cases, summary medians, provenance.");

        api.MapGet("/hardware/{hw}/nights/{date}", (IGrainFactory grains, string hw, string date) =>
                WithDates(date, date, (d, _) => grains.GetGrain<IHardwareQueryGrain>(0).Night(hw, d!.Value)))
            .WithSummary("One night's tasks on one hardware kind, grouped as the hardware page shows them.");

        api.MapGet("/hardware/{hw}/history", (IGrainFactory grains, string hw, int? days, string? to) =>
                WithDates(null, to, (_, t) => TaskHistory.LoadAsync(grains, hw, days ?? TaskHistory.DefaultDays, t)))
            .WithSummary("Every task of one hardware kind over its last nights with data (days: default 30, at most 90; up to the date to): per night its outcome, accuracy, duration and run.");

        api.MapGet("/hardware/days", (IGrainFactory grains, string? hardware, string? from, string? to) =>
                WithDates(from, to, (f, t) => grains.GetGrain<IHardwareQueryGrain>(0).Days(hardware, f, t)))
            .WithSummary("Per (day, hardware) counts of runs and checks.");

        api.MapGet("/alerts/{hw}", (IGrainFactory grains, string hw, bool? resolved) =>
                grains.GetGrain<IRegressionWatchGrain>(hw.ToLowerInvariant()).Alerts(resolved ?? false))
            .WithSummary("The hardware's alerts (active; with resolved=true, resolved ones too), newest first.");

        api.MapGet("/trends/series", (IGrainFactory grains) => grains.GetGrain<IHistoryQueryGrain>(0).Series())
            .WithSummary("Every benchmark series (hardware, host, model, mode, load point) with its number of nights.");

        api.MapGet("/trends", (IGrainFactory grains, string hw, string model, string? mode, string? host, string? from, string? to) =>
                WithDates(from, to, (f, t) => grains.GetGrain<IHistoryQueryGrain>(0).Trend(new TrendQuery(hw, model, mode ?? "online", host, f, t))))
            .WithSummary("The nights of one (hardware, model, mode), all hosts unless one is given: one number per night and load point.");

        api.MapGet("/upstream/coverage", (IGrainFactory grains) => grains.GetGrain<IUpstreamCoverageGrain>(0).GetHistoryAsync())
            .WithSummary("Every upstream CI coverage report's totals (AMD and NVIDIA test counts, coverage %, imported or computed), oldest first.");

        api.MapGet("/upstream/coverage/{date}", async (IGrainFactory grains, string date) =>
            {
                if (!TryDate(date == "latest" ? null : date, out var day))
                {
                    return Results.BadRequest(new { error = $"'{date}' is not a date (yyyy-MM-dd) or 'latest'" });
                }

                return await grains.GetGrain<IUpstreamCoverageGrain>(0).GetReportAsync(day) is { } report
                    ? Results.Ok(report)
                    : Results.NotFound(new { error = $"no coverage report for {date}" });
            })
            .WithSummary("One coverage report (yyyy-MM-dd, or latest): every category and the NVIDIA-only files; 404 when there is none.");

        return endpoints;
    }

    /// <summary>Parses the optional dates and runs the query, or answers 400 naming the bad parameter.</summary>
    private static async Task<IResult> WithDates<T>(string? from, string? to, Func<DateOnly?, DateOnly?, Task<T>> query)
    {
        if (!TryDate(from, out var f))
        {
            return Results.BadRequest(new { error = $"'{from}' is not a date (yyyy-MM-dd)" });
        }

        if (!TryDate(to, out var t))
        {
            return Results.BadRequest(new { error = $"'{to}' is not a date (yyyy-MM-dd)" });
        }

        return Results.Ok(await query(f, t));
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        date = parsed;
        return true;
    }
}
