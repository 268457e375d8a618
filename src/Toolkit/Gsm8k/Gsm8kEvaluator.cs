using System.Diagnostics;

namespace SglangCi.Toolkit.Gsm8k;

/// <summary>
/// The GSM8K accuracy gate, equivalent to SGLang's <c>benchmark/gsm8k/bench_sglang.py</c>: k-shot prompts,
/// greedy decoding through <c>/generate</c>, <see cref="Gsm8kOptions.Parallel"/> requests in flight, and the
/// upstream answer extraction, so the accuracy is comparable with the thresholds tuned on upstream numbers.
/// </summary>
public sealed class Gsm8kEvaluator
{
    private readonly GenerateClient _client;

    /// <summary>The client should have an infinite <see cref="HttpClient.Timeout"/>; <see cref="Gsm8kOptions.RequestTimeout"/> applies per request.</summary>
    public Gsm8kEvaluator(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _client = new GenerateClient(http);
    }

    /// <summary>
    /// Evaluates items <c>0..NumQuestions-1</c> (capped at the dataset size). A failed request counts as an invalid
    /// answer and in <see cref="Gsm8kResult.Failed"/>. Progress reports the number of questions finished.
    /// </summary>
    public async Task<Gsm8kResult> RunAsync(IReadOnlyList<Gsm8kItem> dataset, Gsm8kOptions options, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NumQuestions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxNewTokens, 1);
        if (dataset.Count == 0)
        {
            throw new ArgumentException("The GSM8K dataset is empty.", nameof(dataset));
        }

        var questions = Math.Min(options.NumQuestions, dataset.Count);
        var prefix = Gsm8kPromptBuilder.BuildFewShotPrefix(dataset, Math.Min(options.NumShots, dataset.Count));
        var tally = new Gsm8kTally();
        var started = Stopwatch.GetTimestamp();

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, questions), parallel, async (i, token) =>
        {
            var item = dataset[i];
            var outcome = await _client.GenerateAsync(
                options.BaseUrl,
                Gsm8kPromptBuilder.Build(prefix, item.Question),
                options.MaxNewTokens,
                GenerateClient.Gsm8kStops,
                options.RequestTimeout,
                token).ConfigureAwait(false);
            var finished = tally.Record(outcome, Gsm8kAnswer.Extract(item.Answer));
            progress?.Report(finished);
        }).ConfigureAwait(false);

        var latency = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return tally.ToResult(questions, latency);
    }
}
