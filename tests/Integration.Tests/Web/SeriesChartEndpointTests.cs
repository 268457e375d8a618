using System.Net;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Interfaces.History;
using SglangCi.Silo.Storage.History;
using SkiaSharp;

namespace SglangCi.Integration.Tests.Web;

/// <summary>
/// <c>/charts/series.png</c> over the running dashboard, on a slice of imported history (GROK1 on mi30x, early December),
/// with viewing behind sign-in: a chat service fetches the chart without a login and gets a cacheable PNG; a bad
/// parameter is a 400 that names it; a series with no nights is a 404.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(EndToEndCollection.Name)]
public sealed class SeriesChartEndpointTests : WebAppTest
{
    private const string Hardware = "mi30x";
    private const string Model = "GROK1";
    private const string Mode = "online";
    private static readonly DateOnly From = new(2025, 12, 2);
    private static readonly DateOnly To = new(2025, 12, 8);

    private readonly string _seedDirectory = Path.Combine(Path.GetTempPath(), "sglci-seed-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_stored_series_is_served_as_a_png_without_sign_in()
    {
        SeedHistorySubset.Copy(SeedHistory, _seedDirectory, Hardware, Model, "grok_nightly", From, To);
        var database = await ImportBeforeStartAsync(_seedDirectory);
        var trend = await new RelationalHistoryQueries(database).TrendAsync(new TrendQuery(Hardware, Model, Mode), CancellationToken.None);
        var night = trend.OrderByDescending(p => p.ImageDate).First();
        await StartWebAsync(new Dictionary<string, string>(NoFirstNight) { ["SglangCi__Dashboard__ViewRequiresSignIn"] = "true" });

        var request = new SeriesChartRequest(Hardware, Model, Mode, null, "e2e-median-ms", night.LoadKind, night.Load, night.ImageDate);
        using var chart = await GetAsync(request.ToRelativeUrl());
        Assert.True(chart.StatusCode == HttpStatusCode.OK, await chart.Content.ReadAsStringAsync());
        Assert.Equal("image/png", chart.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=300", chart.Headers.CacheControl?.ToString());
        using var bitmap = SKBitmap.Decode(await chart.Content.ReadAsByteArrayAsync());
        Assert.Equal((800, 360), (bitmap.Width, bitmap.Height));

        // The rest of the dashboard still wants sign-in: the chart's exemption is its own.
        using var page = await GetAsync("/trends.csv");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);

        using var badMetric = await GetAsync(request.ToRelativeUrl().Replace("e2e-median-ms", "e2e", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, badMetric.StatusCode);
        Assert.Contains("'metric'", await badMetric.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknownModel = await GetAsync((request with { Model = "NoSuchModel" }).ToRelativeUrl());
        Assert.Equal(HttpStatusCode.NotFound, unknownModel.StatusCode);
        using var beforeAnyNight = await GetAsync((request with { Night = From.AddDays(-30) }).ToRelativeUrl());
        Assert.Equal(HttpStatusCode.NotFound, beforeAnyNight.StatusCode);
    }

    /// <summary>A GET that does not follow redirects, so a sign-in redirect shows as what it is.</summary>
    private async Task<HttpResponseMessage> GetAsync(string relativeUrl)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = Web!.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var response = await client.GetAsync(relativeUrl.TrimStart('/'));
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_seedDirectory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The OS temp cleaner gets it.
        }
    }
}
