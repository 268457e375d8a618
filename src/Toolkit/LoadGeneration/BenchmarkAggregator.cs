using SglangCi.Toolkit.Metrics;

namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// bench_serving's <c>calculate_metrics</c> as a pure function, so the definitions can be checked against
/// hand-computed numbers without running a server. Only successful requests count toward tokens, throughputs,
/// concurrency and latency statistics; failed ones are counted and their reasons kept.
/// </summary>
public static class BenchmarkAggregator
{
    private const double MsPerSecond = 1000.0;

    /// <summary>Builds the report; <paramref name="durationSeconds"/> is the wall time of the main run (warm-up excluded).</summary>
    public static BenchmarkReport Aggregate(IReadOnlyList<RequestResult> results, double durationSeconds)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (double.IsNaN(durationSeconds) || durationSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(durationSeconds), durationSeconds, "The duration must be a non-negative number of seconds.");
        }

        var ttfts = new List<double>();
        var itls = new List<double>();
        var tpots = new List<double>();
        var e2es = new List<double>();
        var errors = new List<string>();
        int completed = 0;
        long inputTokens = 0, outputTokens = 0;

        foreach (var r in results)
        {
            if (!r.Success)
            {
                errors.Add(r.Error ?? "Unknown error.");
                continue;
            }

            completed++;
            inputTokens += r.PromptLength;
            outputTokens += r.OutputLength;
            e2es.Add(r.LatencySeconds);
            itls.AddRange(r.InterTokenLatencies);
            if (r.TtftSeconds is { } ttft)
            {
                ttfts.Add(ttft);
                if (r.OutputLength > 1)
                {
                    tpots.Add((r.LatencySeconds - ttft) / (r.OutputLength - 1));
                }
            }
        }

        // A zero duration (nothing ran) yields zero rates rather than infinities that would poison stored history.
        double Rate(double amount) => durationSeconds > 0 ? amount / durationSeconds : 0.0;

        return new BenchmarkReport(
            Completed: completed,
            Failed: results.Count - completed,
            DurationSeconds: durationSeconds,
            TotalInputTokens: inputTokens,
            TotalOutputTokens: outputTokens,
            RequestThroughput: Rate(completed),
            InputTokenThroughput: Rate(inputTokens),
            OutputTokenThroughput: Rate(outputTokens),
            TotalTokenThroughput: Rate(inputTokens + outputTokens),
            Concurrency: Rate(e2es.Sum()),
            TtftMs: SampleStatistics.Summarize(ttfts, MsPerSecond),
            ItlMs: SampleStatistics.Summarize(itls, MsPerSecond),
            TpotMs: SampleStatistics.Summarize(tpots, MsPerSecond),
            E2eMs: SampleStatistics.Summarize(e2es, MsPerSecond),
            Requests: results,
            Errors: errors);
    }
}
