using System.Text;
using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.Gsm8k;
using Xunit.Abstractions;
using static SglangCi.Toolkit.Tests.Integration.IntegrationSupport;

namespace SglangCi.Toolkit.Tests.Integration;

/// <summary>
/// The GSM8K evaluator on the real test set against the simulator's answer model. The simulator answers right only
/// when it recognises the evaluated question at the end of the prompt (and with the configured probability), so
/// these tests check prompt construction, transport, answer extraction and scoring end to end.
/// </summary>
/// <remarks>No timing assertions, so these run in parallel with other tests.</remarks>
public sealed class Gsm8kEvaluatorIntegrationTests(ITestOutputHelper output)
{
    private const int Shots = 5;
    private const int Parallel = 32;

    private static readonly Lazy<IReadOnlyList<Gsm8kItem>> Dataset = new(() => Gsm8kDataset.Load(TestPaths.Gsm8kTestFile));
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Answers = new(() => Gsm8kAnswerFile.Load(TestPaths.Gsm8kTestFile));

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(0.0, 0.0)]
    public async Task Accuracy_matches_a_certain_model_exactly(double modelAccuracy, double expectedAccuracy)
    {
        const int Questions = 100;
        var (result, stats) = await EvaluateAsync(modelAccuracy, Questions);

        Assert.Equal(expectedAccuracy, result.Accuracy);

        // Wrong answers are still numbers ("The answer is N+1."), so nothing is invalid either way.
        Assert.Equal(0.0, result.Invalid);
        Assert.Equal(0, result.Failed);
        Assert.Equal(Questions, result.Questions);
        Assert.Equal(Questions, stats.RequestsReceived);

        // --parallel is the number of requests in flight, so the engine never holds more than that at once.
        Assert.InRange(stats.PeakRunningBatch, 1, Parallel);
        Assert.True(result.OutputThroughput > 0, "output throughput should count the generated tokens");
        Assert.True(result.LatencySeconds > 0);

        // The simulator answers right only for a prompt ending "Question: {q}\nAnswer:" with a known q, so accuracy
        // 1.0 proves the tail. The token count proves the rest: the simulator counts words, and the sum over all
        // prompts must equal that of the 5-shot prompts built here independently from §4 of the format reference.
        Assert.Equal(ExpectedPromptWords(Questions), stats.PromptTokens);
    }

    [Fact]
    public async Task A_certain_model_scores_one_on_the_whole_test_set()
    {
        // Regression: item 138's reference reasoning starts with "Questions", which holds the stop string "Question";
        // the simulator echoed it, the stop cut the reply before its number, and accuracy 1.0 scored 1318/1319.
        var (result, _) = await EvaluateAsync(1.0, Dataset.Value.Count);

        Assert.Equal(1319, result.Questions);
        Assert.Equal(1.0, result.Accuracy);
        Assert.Equal(0.0, result.Invalid);
    }

    [Fact]
    public async Task Accuracy_of_a_partly_right_model_is_estimated_within_sampling_error()
    {
        const int Questions = 200;
        var (result, _) = await EvaluateAsync(0.8, Questions);

        // Each verdict is a seeded hash per question, so the number is fixed; the band is the brief's (±0.15, about
        // 5σ for 200 Bernoulli(0.8) draws), wide enough to survive a seed change.
        Assert.InRange(result.Accuracy, 0.65, 0.95);
        Assert.Equal(0.0, result.Invalid);
        Assert.Equal(Questions, result.Questions);
    }

    private async Task<(Gsm8kResult Result, SimulatedEngineStats Stats)> EvaluateAsync(double modelAccuracy, int questions)
    {
        // Sub-millisecond steps: timing is not under test and 200 questions should take well under a second.
        var engine = new SimulatedEngineOptions
        {
            Gsm8kAccuracy = modelAccuracy,
            Gsm8kAnswers = Answers.Value,
            PrefillBaseMs = 0.5,
            PrefillMsPerToken = 0.0005,
            DecodeStepBaseMs = 0.5,
            DecodeStepMsPerRequest = 0.002,
            Seed = 7,
        };
        await using var server = await SimulatedEngineServer.StartAsync(engine);
        using var http = NewHttpClient();
        using var deadline = new CancellationTokenSource(RunTimeout);
        var options = new Gsm8kOptions(server.BaseUrl, NumQuestions: questions, NumShots: Shots, Parallel: Parallel) { RequestTimeout = RequestTimeout };
        var result = await new Gsm8kEvaluator(http).RunAsync(Dataset.Value, options, progress: null, deadline.Token);
        output.WriteLine(
            $"model accuracy {modelAccuracy}: accuracy {result.Accuracy:F3}, invalid {result.Invalid:F3}, latency {result.LatencySeconds:F3} s, " +
            $"output {result.OutputThroughput:F1} tok/s, requests {server.Stats.RequestsReceived}, prompt tokens {server.Stats.PromptTokens}");
        return (result, server.Stats);
    }

    /// <summary>Σ words over the prompts bench_sglang.py sends for items 0..n−1: the first five items as
    /// <c>Question: {q}\nAnswer: {a}\n\n</c>, then <c>Question: {q}\nAnswer:</c>.</summary>
    private static long ExpectedPromptWords(int questions)
    {
        var items = Dataset.Value;
        var shots = new StringBuilder();
        foreach (var item in items.Take(Shots))
        {
            shots.Append("Question: ").Append(item.Question).Append("\nAnswer: ").Append(item.Answer).Append("\n\n");
        }

        var shotWords = CountWords(shots.ToString());
        return items.Take(questions).Sum(item => shotWords + CountWords("Question: " + item.Question + "\nAnswer:"));
    }

    private static long CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
