using System.Text.Json;
using SglangCi.Cli.Commands.Bench.Dashboard;

namespace SglangCi.Integration.Tests.Cli;

/// <summary>
/// <c>bench dashboard</c>'s logic without a dashboard: which arguments it picks from the API's answers, which URLs it
/// times, how it summarises timings and judges them against the goals. No timing of anything real is asserted.
/// </summary>
public sealed class DashboardBenchTests
{
    private static readonly JsonElement Days = Json("""[{"day":"2026-11-30","runs":3,"failed":1},{"day":"2026-11-29","runs":5,"failed":0}]""");

    private static readonly JsonElement Runs = Json("""
        [
          {"id":"r-failed","hardware":"mi30x","model":"GROK1","mode":"online","host":"h1","status":"Failed"},
          {"id":"r-variant","hardware":"mi35x","model":"DeepSeek-R1-MXFP4-Preview","mode":"online_mtp_test","host":"h2","status":"Succeeded"},
          {"id":"r-online","hardware":"mi35x","model":"DeepSeek-R1-MXFP4-Preview","mode":"online","host":"h2","status":"Succeeded"}
        ]
        """);

    private static readonly JsonElement Trend = Json("""
        [
          {"host":"h2","imageDate":"2026-11-28","loadKind":"Concurrency","load":128,"runId":"r-older"},
          {"host":"h3","imageDate":"2026-11-29","loadKind":"Concurrency","load":128,"runId":"r-other-host"},
          {"host":"h2","imageDate":"2026-11-29","loadKind":"Concurrency","load":128,"runId":"r-previous"},
          {"host":"h2","imageDate":"2026-11-30","loadKind":"Concurrency","load":128,"runId":"r-online"},
          {"host":"h2","imageDate":"2026-11-30","loadKind":"Concurrency","load":64,"runId":"r-online"}
        ]
        """);

    [Fact]
    public void Arguments_are_the_newest_day_a_succeeded_online_run_its_series_and_the_same_hosts_previous_night()
    {
        var arguments = DashboardArguments.Choose(Days, Runs, Trend);

        Assert.Equal(new DashboardArguments("2026-11-30", "r-online", "mi35x", "DeepSeek-R1-MXFP4-Preview", "online", "h2", "128", "r-previous"), arguments);
        Assert.Null(DashboardArguments.Choose(Days, Runs, null).PreviousRunId);
        Assert.Throws<InvalidOperationException>(() => DashboardArguments.Choose(Json("[]"), Runs, null));
    }

    [Fact]
    public void Every_read_endpoint_and_page_is_a_target_and_openapi_only_routes_are_added_when_they_can_be_filled()
    {
        var arguments = DashboardArguments.Choose(Days, Runs, Trend);
        var openApi = Json("""
            {"paths":{
              "/api/days":{"get":{}},
              "/api/runs/{id}":{"get":{}},
              "/api/runs/{id}/logs":{"get":{}},
              "/api/runs/{id}/logs/{name}":{"get":{}},
              "/api/schedules/{name}/enable":{"post":{}},
              "/health":{"get":{}}
            }}
            """);

        var targets = DashboardTargets.Build(arguments, DashboardTargets.GetPaths(openApi), out var unmeasured);

        var apis = targets.Where(t => t.Kind == DashboardTargetKind.Api).Select(t => t.Name.Split('?')[0]).Distinct().ToList();
        Assert.Equal(["/api/days", "/api/runs", "/api/runs/{id}", "/api/hardware/days", "/api/hardware/{hw}/nights/{date}", "/api/trends/series", "/api/trends",
            "/api/sql", "/api/sql.csv", "/trends.csv", "/api/runs/{id}/logs"], apis);
        Assert.Equal(["/api/runs/{id}/logs/{name}"], unmeasured);
        Assert.Contains(targets, t => t.PathAndQuery == "/api/runs/r-online/logs");
        Assert.Contains(targets, t => t.PathAndQuery == "/api/hardware/mi35x/nights/2026-11-30");
        Assert.Contains(targets, t => t.PathAndQuery == "/api/trends?hw=mi35x&model=DeepSeek-R1-MXFP4-Preview&mode=online&host=h2");
        Assert.Contains(targets, t => t.PathAndQuery.StartsWith("/api/sql?q=SELECT%20model", StringComparison.Ordinal) && t.PathAndQuery.Contains("2026-11-30", StringComparison.Ordinal));

        var pages = targets.Where(t => t.Kind == DashboardTargetKind.Page).Select(t => t.PathAndQuery).ToList();
        Assert.Equal(
        [
            "/", "/?date=2026-11-30", "/hardware/mi35x", "/hardware/mi35x?date=2026-11-30", "/trends",
            "/trends?hw=mi35x&model=DeepSeek-R1-MXFP4-Preview&mode=online&host=h2&load=128&metric=e2e",
            "/runs/r-online", "/compare?a=r-previous&b=r-online", "/compare?a=r-online", "/nodes", "/database",
        ], pages);
        Assert.Equal(targets.Count, targets.Select(t => t.PathAndQuery).Distinct().Count());
    }

    [Fact]
    public void Timings_are_summarised_by_median_nearest_rank_p95_and_max()
    {
        var summary = LatencySummary.Of(Enumerable.Range(1, 20).Select(i => (double)i).Reverse().ToList());

        Assert.Equal(new LatencySummary(20, 10.5, 19, 20), summary);
        Assert.Equal(3, LatencySummary.Of([3, 1, 2]).P95Ms);
        Assert.Throws<ArgumentException>(() => LatencySummary.Of([]));
    }

    [Theory]
    [InlineData(DashboardTargetKind.Api, 5.0, 20.0, true)]
    [InlineData(DashboardTargetKind.Api, 5.1, 6.0, false)]
    [InlineData(DashboardTargetKind.Api, 1.0, 20.5, false)]
    [InlineData(DashboardTargetKind.Page, 30.0, 49.9, true)]
    [InlineData(DashboardTargetKind.Page, 10.0, 50.0, false)]
    public void Goals_are_median_and_p95_for_the_api_and_p95_for_pages(DashboardTargetKind kind, double median, double p95, bool met)
    {
        var target = new DashboardTarget(kind, "/x", "/x");

        Assert.Equal(met, new DashboardTargetResult(target, new LatencySummary(50, median, p95, p95 * 2), null, 100).Met);
        Assert.False(new DashboardTargetResult(target, null, "HTTP 500 Internal Server Error", 0).Met);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
