using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SglangCi.Cli.Commands.Bench.Dashboard;

/// <summary>
/// Times the dashboard over HTTP the way a browser's first request meets it: each target is fetched whole (headers and
/// body) one request at a time on a kept-alive connection, first <c>warmup</c> times untimed, then <c>repeat</c> times.
/// A page's GET returns the server-prerendered HTML, so its time is the server's time to render it plus loopback.
/// </summary>
public sealed class DashboardBenchmark(HttpClient http)
{
    /// <summary>Asks the API for realistic arguments (see <see cref="DashboardArguments.Choose"/>) and the OpenAPI routes.</summary>
    public async Task<(DashboardArguments Arguments, IReadOnlyList<string> OpenApiGetPaths)> DiscoverAsync(CancellationToken cancellationToken)
    {
        using var days = await GetJsonAsync("/api/days", cancellationToken);
        var date = DashboardArguments.NewestDay(days.RootElement);
        using var runs = await GetJsonAsync($"/api/runs?date={date}", cancellationToken);
        var first = DashboardArguments.Choose(days.RootElement, runs.RootElement, null);
        using var trend = await GetJsonAsync(
            $"/api/trends?hw={Uri.EscapeDataString(first.Hardware)}&model={Uri.EscapeDataString(first.Model)}&mode={Uri.EscapeDataString(first.Mode)}&host={Uri.EscapeDataString(first.Host)}",
            cancellationToken);
        var arguments = DashboardArguments.Choose(days.RootElement, runs.RootElement, trend.RootElement);

        IReadOnlyList<string> paths = [];
        using var openApi = await http.GetAsync("/openapi/v1.json", cancellationToken);
        if (openApi.IsSuccessStatusCode)
        {
            using var document = JsonDocument.Parse(await openApi.Content.ReadAsStringAsync(cancellationToken));
            paths = DashboardTargets.GetPaths(document.RootElement);
        }

        return (arguments, paths);
    }

    public async Task<DashboardTargetResult> MeasureAsync(DashboardTarget target, int warmup, int repeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var timings = new List<double>(repeat);
        long bytes = 0;
        for (var i = 0; i < warmup + repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(target.PathAndQuery, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                return new DashboardTargetResult(target, null, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", body.Length);
            }

            bytes = body.Length;
            if (i >= warmup)
            {
                timings.Add(elapsed);
            }
        }

        return new DashboardTargetResult(target, LatencySummary.Of(timings), null, bytes);
    }

    /// <summary>A client for the dashboard at <paramref name="baseUrl"/>: kept-alive connection, no proxy, optional bearer token.</summary>
    public static HttpClient CreateClient(Uri baseUrl, string? token)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (!string.IsNullOrEmpty(token))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private async Task<JsonDocument> GetJsonAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(pathAndQuery, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {pathAndQuery} answered HTTP {(int)response.StatusCode}; is this a SglangCi dashboard (and does viewing need --token)?");
        }

        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
