namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// The core of <c>sglang-ci bench serve</c>, free of any console: runs the load generator, appends the
/// bench_serving JSONL record when asked, and renders the text summary and our JSON. The CLI command only parses
/// arguments and draws the progress bar, so this is what tests drive.
/// </summary>
public sealed class ServingBenchmark
{
    private readonly LoadGenerator _generator;

    public ServingBenchmark(HttpClient http)
    {
        _generator = new LoadGenerator(http);
    }

    /// <summary>Runs once. Throws <see cref="InvalidOperationException"/> when the server is unreachable or the warm-up fails.</summary>
    public async Task<ServingBenchmarkResult> RunAsync(LoadGeneratorOptions options, string? outputFile, IProgress<LoadProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var report = await _generator.RunAsync(options, progress, ct).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(outputFile))
        {
            await BenchServingJsonl.AppendAsync(outputFile, report, options, ct).ConfigureAwait(false);
        }

        var summary = BenchServingReportFormatter.Format(BenchServingSummary.FromReport(report, options, BenchmarkBackends.BenchServingName(options.Backend)));
        return new ServingBenchmarkResult(report, summary, BenchmarkResultJson.From(report, options));
    }
}

/// <summary>A finished run: the report, bench_serving's text block and our JSON.</summary>
public sealed record ServingBenchmarkResult(BenchmarkReport Report, string Summary, BenchmarkResultJson Json)
{
    /// <summary>Every request failed: the run measured nothing.</summary>
    public bool AllFailed => Report.Completed == 0;

    /// <summary>The most frequent failure reason, for the one-line error.</summary>
    public string? FirstError => Json.Errors.Reasons.FirstOrDefault()?.Reason;
}
