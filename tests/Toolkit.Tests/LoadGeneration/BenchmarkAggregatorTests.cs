using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Toolkit.Tests.LoadGeneration;

public class BenchmarkAggregatorTests
{
    // Four requests over a 2.0 s run:
    //   A ok:     prompt 10, output 4, ttft 0.1, e2e 0.4, itl [0.1, 0.1, 0.1] -> tpot (0.4-0.1)/3 = 0.1 s
    //   B ok:     prompt 20, output 2, ttft 0.3, e2e 0.5, itl [0.2]           -> tpot (0.5-0.3)/1 = 0.2 s
    //   C ok:     prompt 30, output 1, ttft 0.2, e2e 0.2, itl []              -> no tpot (output_len = 1)
    //   D failed: prompt 40, output 8                                          -> excluded everywhere
    private static readonly RequestResult[] Results =
    [
        new(true, 10, 4, 0.1, 0.4, [0.1, 0.1, 0.1], null),
        new(true, 20, 2, 0.3, 0.5, [0.2], null),
        new(true, 30, 1, 0.2, 0.2, [], null),
        new(false, 40, 8, null, 1.5, [], "HTTP 500: boom"),
    ];

    [Fact]
    public void Counts_And_Throughputs_UseSuccessfulRequestsOnly()
    {
        var r = BenchmarkAggregator.Aggregate(Results, 2.0);

        Assert.Equal(3, r.Completed);
        Assert.Equal(1, r.Failed);
        Assert.Equal(60, r.TotalInputTokens);            // 10+20+30
        Assert.Equal(7, r.TotalOutputTokens);            // 4+2+1
        Assert.Equal(1.5, r.RequestThroughput, 9);       // 3/2
        Assert.Equal(30, r.InputTokenThroughput, 9);     // 60/2
        Assert.Equal(3.5, r.OutputTokenThroughput, 9);   // 7/2
        Assert.Equal(33.5, r.TotalTokenThroughput, 9);   // 67/2
        Assert.Equal(0.55, r.Concurrency, 9);            // (0.4+0.5+0.2)/2
        Assert.Equal(2.0, r.DurationSeconds);
        Assert.Equal(["HTTP 500: boom"], r.Errors);
        Assert.Same(Results, r.Requests);
    }

    [Fact]
    public void Ttft_InMilliseconds()
    {
        var ttft = BenchmarkAggregator.Aggregate(Results, 2.0).TtftMs;

        // [100, 300, 200]: mean 200, median 200, std sqrt((100²+0+100²)/3) = 81.649658,
        // p99 rank 2*0.99 = 1.98 -> 200 + 0.98*100 = 298.
        Assert.Equal(3, ttft.Count);
        Assert.Equal(200, ttft.Mean!.Value, 6);
        Assert.Equal(200, ttft.Median!.Value, 6);
        Assert.Equal(81.649658, ttft.Std!.Value, 5);
        Assert.Equal(298, ttft.P99!.Value, 6);
        Assert.Equal(300, ttft.Max!.Value, 6);
    }

    [Fact]
    public void Tpot_SkipsSingleTokenOutputs()
    {
        var tpot = BenchmarkAggregator.Aggregate(Results, 2.0).TpotMs;

        // [100, 200]: mean 150, median 150, std 50, p99 rank 0.99 -> 100 + 0.99*100 = 199.
        Assert.Equal(2, tpot.Count);
        Assert.Equal(150, tpot.Mean!.Value, 6);
        Assert.Equal(150, tpot.Median!.Value, 6);
        Assert.Equal(50, tpot.Std!.Value, 6);
        Assert.Equal(199, tpot.P99!.Value, 6);
    }

    [Fact]
    public void Itl_FlattensAllGaps()
    {
        var itl = BenchmarkAggregator.Aggregate(Results, 2.0).ItlMs;

        // [100, 100, 100, 200]: mean 125, median 100, p95 rank 2.85 -> 100+0.85*100 = 185,
        // p99 rank 2.97 -> 197, max 200.
        Assert.Equal(4, itl.Count);
        Assert.Equal(125, itl.Mean!.Value, 6);
        Assert.Equal(100, itl.Median!.Value, 6);
        Assert.Equal(185, itl.P95!.Value, 6);
        Assert.Equal(197, itl.P99!.Value, 6);
        Assert.Equal(200, itl.Max!.Value, 6);
    }

    [Fact]
    public void E2e_ExcludesFailedRequest()
    {
        var e2e = BenchmarkAggregator.Aggregate(Results, 2.0).E2eMs;

        // [400, 500, 200] (the failed request's 1500 ms is not counted): mean 366.667, median 400, p90 rank 1.8 -> 480.
        Assert.Equal(3, e2e.Count);
        Assert.Equal(366.666667, e2e.Mean!.Value, 5);
        Assert.Equal(400, e2e.Median!.Value, 6);
        Assert.Equal(480, e2e.P90!.Value, 6);
        Assert.Equal(500, e2e.Max!.Value, 6);
    }

    [Fact]
    public void AllFailed_GivesEmptySummariesAndZeroRates()
    {
        var r = BenchmarkAggregator.Aggregate([new RequestResult(false, 5, 5, null, 0.1, [], null)], 1.0);

        Assert.Equal(0, r.Completed);
        Assert.Equal(1, r.Failed);
        Assert.Equal(0, r.RequestThroughput);
        Assert.Equal(0, r.Concurrency);
        Assert.Equal(0, r.TtftMs.Count);
        Assert.Null(r.E2eMs.Mean);
        Assert.Equal(["Unknown error."], r.Errors);
    }

    [Fact]
    public void ZeroDuration_GivesZeroRatesNotInfinity()
    {
        var r = BenchmarkAggregator.Aggregate([], 0);

        Assert.Equal(0, r.RequestThroughput);
        Assert.Equal(0, r.TotalTokenThroughput);
    }
}
