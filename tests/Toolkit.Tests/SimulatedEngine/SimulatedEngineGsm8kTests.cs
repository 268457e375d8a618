using SglangCi.SimulatedEngine;
using static SglangCi.Toolkit.Tests.SimulatedEngine.SimulatedEngineTestSupport;

namespace SglangCi.Toolkit.Tests.SimulatedEngine;

/// <summary>
/// The simulated accuracy: few-shot prompts built as <c>bench_sglang.py</c> builds them, answers scored the
/// way it scores them (last number), so the CI's accuracy gate can be driven to pass or fail on purpose.
/// </summary>
public sealed class SimulatedEngineGsm8kTests
{
    private const int Shots = 3;
    private static readonly string[] Gsm8kStops = ["Question", "Assistant:", "<|separator|>"];

    [Theory]
    [InlineData(1.0, 12, 12)]
    [InlineData(0.0, 12, 0)]
    public async Task Accuracy_one_answers_all_right_and_zero_all_wrong(double accuracy, int questions, int expectedRight)
    {
        var (right, replies) = await EvaluateAsync(accuracy, questions);
        Assert.Equal(expectedRight, right);
        Assert.All(replies, r =>
        {
            Assert.Contains("The answer is", r.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Question", r.Text, StringComparison.Ordinal);
            Assert.Equal("stop", r.FinishType);
            Assert.Equal("Question", r.Matched);
            Assert.InRange(r.CompletionTokens, 15, 45);
        });
    }

    [Fact]
    public async Task Accuracy_one_half_answers_about_half_right_over_200_questions()
    {
        var (right, _) = await EvaluateAsync(0.5, 200);
        Assert.InRange(right, 70, 130);
    }

    [Fact]
    public async Task Verdicts_are_deterministic_per_seed()
    {
        var first = await EvaluateAsync(0.5, 30);
        var second = await EvaluateAsync(0.5, 30);
        Assert.Equal(first.Replies.Select(r => r.Text), second.Replies.Select(r => r.Text));
    }

    [Fact]
    public async Task Unknown_questions_get_a_sentence_ending_with_a_number()
    {
        await using var server = await SimulatedEngineServer.StartAsync(FastOptions(1.0, []));
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        var reply = await PostJsonAsync(client, "/generate", new
        {
            text = "Question: How many legs do three simulated cats have?\nAnswer:",
            sampling_params = new { max_new_tokens = 512, stop = Gsm8kStops },
        });
        var text = reply.GetProperty("text").GetString()!;
        Assert.NotNull(LastNumber(text));
        Assert.EndsWith(".", text, StringComparison.Ordinal);
        Assert.Equal("stop", reply.GetProperty("meta_info").GetProperty("finish_reason").GetProperty("type").GetString());
    }

    private static SimulatedEngineOptions FastOptions(double accuracy, IReadOnlyList<(string Question, string Answer)> items) => new()
    {
        Gsm8kAccuracy = accuracy,
        Gsm8kAnswers = items.ToDictionary(static i => i.Question, static i => i.Answer),
        PrefillBaseMs = 0.5,
        PrefillMsPerToken = 0.0005,
        DecodeStepBaseMs = 0.5,
        DecodeStepMsPerRequest = 0.002,
        Seed = 7,
    };

    private static async Task<(int Right, IReadOnlyList<Reply> Replies)> EvaluateAsync(double accuracy, int questions)
    {
        var items = Gsm8kItems(questions);
        await using var server = await SimulatedEngineServer.StartAsync(FastOptions(accuracy, items));
        using var client = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(20) };
        using var parallel = new SemaphoreSlim(64);
        var replies = await Task.WhenAll(items.Select(async item =>
        {
            await parallel.WaitAsync();
            try
            {
                var reply = await PostJsonAsync(client, "/generate", new
                {
                    text = FewShotPrompt(items, Shots, item.Question),
                    sampling_params = new { max_new_tokens = 512, temperature = 0, stop = Gsm8kStops },
                });
                var meta = reply.GetProperty("meta_info");
                var finish = meta.GetProperty("finish_reason");
                return new Reply(
                    reply.GetProperty("text").GetString()!,
                    meta.GetProperty("completion_tokens").GetInt32(),
                    finish.GetProperty("type").GetString()!,
                    finish.TryGetProperty("matched", out var m) ? m.GetString() : null,
                    LastNumber(reply.GetProperty("text").GetString()!) == LastNumber(item.Answer));
            }
            finally
            {
                parallel.Release();
            }
        }));
        return (replies.Count(static r => r.Right), replies);
    }

    private sealed record Reply(string Text, int CompletionTokens, string FinishType, string? Matched, bool Right);
}
