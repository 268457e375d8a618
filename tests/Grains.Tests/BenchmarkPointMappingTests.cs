using SglangCi.Grains.Runs;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.LoadGeneration;

namespace SglangCi.Grains.Tests;

public sealed class BenchmarkPointMappingTests
{
    private static readonly BenchmarkPlan Plan = new(LoadKind.Concurrency, [new LoadPoint(4, 8)], RunsPerPoint: 1, InputLength: 64, OutputLength: 32, RangeRatio: 1);

    private static RequestResult Ok(double ttftS, double latencyS, int outputTokens) =>
        new(true, 64, outputTokens, ttftS, latencyS, Enumerable.Repeat((latencyS - ttftS) / Math.Max(1, outputTokens - 1), Math.Max(0, outputTokens - 1)).ToArray(), null);

    private static RequestResult Fail(string error) => new(false, 64, 0, null, 0, [], error);

    [Fact]
    public void Failure_reasons_are_grouped_by_message_most_frequent_first_and_capped_at_ten()
    {
        var results = new List<RequestResult> { Ok(0.1, 1.0, 10) };
        results.AddRange(Enumerable.Repeat(Fail("HTTP 500: boom"), 3));
        results.AddRange(Enumerable.Repeat(Fail("timeout"), 5));
        results.Add(Fail("a rare one"));
        results.AddRange(Enumerable.Range(0, 12).Select(i => Fail($"unique {i:00}")));
        var report = BenchmarkAggregator.Aggregate(results, 2.0);

        var point = BenchmarkPointMapping.From(LoadKind.Concurrency, 4, 0, report);

        Assert.Equal(21, point.Failed);
        Assert.Equal(BenchmarkPointResult.MaxFailureReasons, point.FailureReasons.Count);
        Assert.Equal(new FailureReason("timeout", 5), point.FailureReasons[0]);
        Assert.Equal(new FailureReason("HTTP 500: boom", 3), point.FailureReasons[1]);
        Assert.Equal(new FailureReason("a rare one", 1), point.FailureReasons[2]); // ties by reason, ordinal
        Assert.Equal(new FailureReason("unique 00", 1), point.FailureReasons[3]);
        Assert.Null(point.Goodput);
    }

    [Fact]
    public void A_clean_report_has_no_failure_reasons_and_no_goodput_without_slos()
    {
        var report = BenchmarkAggregator.Aggregate([Ok(0.1, 1.0, 10), Ok(0.2, 1.5, 10)], 2.0);

        var point = BenchmarkPointMapping.From(LoadKind.Concurrency, 4, 0, report);

        Assert.Empty(point.FailureReasons);
        Assert.Null(point.Goodput);
        Assert.Null(BenchmarkPointMapping.Slos(Plan));
        Assert.Null(BenchmarkPointMapping.Options(new Uri("http://localhost:1"), Plan, Plan.Points[0], 0).Goodput);
    }

    [Fact]
    public void Plan_slos_become_the_toolkit_slos_and_the_report_goodput_is_kept()
    {
        var plan = Plan with { Goodput = new Dictionary<string, double> { ["ttft"] = 150, ["TPOT"] = 200, ["e2el"] = 5000 } };

        var options = BenchmarkPointMapping.Options(new Uri("http://localhost:1"), plan, plan.Points[0], 0);

        Assert.Equal(new GoodputSlos(150, 200, 5000), options.Goodput);

        // ttft 0.1 s meets 150 ms; 0.2 s does not; the failed request never counts.
        List<RequestResult> results = [Ok(0.1, 1.0, 10), Ok(0.2, 1.5, 10), Fail("HTTP 500")];
        var report = BenchmarkAggregator.Aggregate(results, 2.0) with { RequestGoodput = options.Goodput!.Goodput(results, 2.0) };
        var point = BenchmarkPointMapping.From(LoadKind.Concurrency, 4, 0, report);

        Assert.Equal(0.5, point.Goodput);
        Assert.Equal([new FailureReason("HTTP 500", 1)], point.FailureReasons);
    }
}
