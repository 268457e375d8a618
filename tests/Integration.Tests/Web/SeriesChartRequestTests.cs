using SglangCi.Grains.Analysis;
using SglangCi.Interfaces.History;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Integration.Tests.Web;

/// <summary>The chart URL that alert cards embed: what it writes, that it reads back the same, and which parameter a bad one names.</summary>
public sealed class SeriesChartRequestTests
{
    private static readonly SeriesChartRequest Full = new(
        "mi30x", "DeepSeek-V3 0324/fp8", "online_mtp", "gpu host&1", "ttft-median-ms", LoadKind.Rate, 0.1 + 0.2, new DateOnly(2025, 12, 6), 45);

    [Fact]
    public void The_url_escapes_values_and_leaves_out_what_was_not_chosen()
    {
        var minimal = new SeriesChartRequest("mi30x", "GROK1", "online", null, "e2e-median-ms", LoadKind.Concurrency, 16);
        Assert.Equal("/charts/series.png?hardware=mi30x&model=GROK1&mode=online&metric=e2e-median-ms&load-kind=concurrency&load=16", minimal.ToRelativeUrl());
        Assert.Equal(
            "/charts/series.png?hardware=mi30x&model=DeepSeek-V3%200324%2Ffp8&mode=online_mtp&host=gpu%20host%261&metric=ttft-median-ms"
            + "&load-kind=rate&load=0.30000000000000004&night=2025-12-06&nights=45",
            Full.ToRelativeUrl());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Parsing_the_url_gives_the_same_request(bool minimal)
    {
        var request = minimal ? new SeriesChartRequest("h", "m", "online", null, "output-tok-s", LoadKind.Concurrency, 1) : Full;
        Assert.True(SeriesChartRequest.TryParse(QueryOf(request.ToRelativeUrl()), out var parsed, out var error), error);
        Assert.Null(error);
        Assert.Equal(request, parsed);
    }

    [Fact]
    public void Every_metric_the_analysis_follows_can_be_charted_and_no_other()
    {
        Assert.Equal(SeriesMetric.All.Select(m => m.Name), SeriesChartRequest.MetricNames);
    }

    [Theory]
    [InlineData("hardware", null)]
    [InlineData("model", "")]
    [InlineData("mode", "  ")]
    [InlineData("metric", null)]
    [InlineData("metric", "e2e")]
    [InlineData("load-kind", "qps")]
    [InlineData("load", "lots")]
    [InlineData("load", "-1")]
    [InlineData("load", "NaN")]
    [InlineData("night", "06.12.2025")]
    [InlineData("nights", "0")]
    [InlineData("nights", "9999")]
    [InlineData("nights", "3.5")]
    public void A_bad_parameter_is_named(string key, string? value)
    {
        var query = QueryOf(Full.ToRelativeUrl());
        query[key] = value;

        Assert.False(SeriesChartRequest.TryParse(query, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.Contains($"'{key}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_longer_than_a_title_can_hold_is_refused()
    {
        var query = QueryOf(Full.ToRelativeUrl());
        query["host"] = new string('h', 201);

        Assert.False(SeriesChartRequest.TryParse(query, out _, out var error));
        Assert.Contains("'host'", error, StringComparison.Ordinal);
    }

    /// <summary>The query string as ASP.NET Core hands it to the endpoint: unescaped values by key.</summary>
    private static Dictionary<string, string?> QueryOf(string relativeUrl)
    {
        var query = relativeUrl[(relativeUrl.IndexOf('?') + 1)..];
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
            .ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
    }
}
