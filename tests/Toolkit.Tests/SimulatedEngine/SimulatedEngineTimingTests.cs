using System.Diagnostics;
using System.Text.Json;
using SglangCi.SimulatedEngine;
using Xunit.Abstractions;
using static SglangCi.Toolkit.Tests.SimulatedEngine.SimulatedEngineTestSupport;

namespace SglangCi.Toolkit.Tests.SimulatedEngine;

/// <summary>Timing tests run alone: other tests' CPU load would disturb the millisecond measurements.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SimulatedEngineTimingCollection
{
    public const string Name = "SimulatedEngine timing";
}

/// <summary>
/// The latency model as a client measures it: TTFT and ITL of a lone request match <see cref="LatencyModel"/>
/// within 10 %, and requests beyond the batch limit queue behind the running ones.
/// </summary>
[Collection(SimulatedEngineTimingCollection.Name)]
public sealed class SimulatedEngineTimingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_lone_streamed_request_sees_the_modelled_ttft_and_itl()
    {
        var options = new SimulatedEngineOptions
        {
            PrefillBaseMs = 20,
            PrefillMsPerToken = 0.2,
            DecodeStepBaseMs = 5,
            DecodeStepMsPerRequest = 0.05,
        };
        const int InputTokens = 200;
        const int OutputTokens = 100;
        var expectedTtft = LatencyModel.ExpectedTtftMs(options, InputTokens);
        var expectedItl = LatencyModel.ExpectedDecodeStepMs(options, 1);
        Assert.Equal(60, expectedTtft, 6);
        Assert.Equal(5.05, expectedItl, 6);

        await using var server = await SimulatedEngineServer.StartAsync(options);
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        await MeasureAsync(client, 10, 5); // warm up JIT and the connection

        // Load on the machine only ever adds delay, so one run within tolerance shows the model is met;
        // a wrong model would miss on every run.
        var runs = new List<(double Ttft, double Itl)>();
        for (var i = 0; i < 5; i++)
        {
            var run = await MeasureAsync(client, InputTokens, OutputTokens);
            runs.Add(run);
            if (Within(run.Ttft, expectedTtft) && Within(run.Itl, expectedItl))
            {
                break;
            }
        }

        var report = $"model TTFT {expectedTtft:F2} ms, ITL {expectedItl:F3} ms; measured TTFT/ITL: " +
            string.Join(", ", runs.Select(r => $"{r.Ttft:F2}/{r.Itl:F3}"));
        output.WriteLine(report);
        Assert.True(Within(runs[^1].Ttft, expectedTtft) && Within(runs[^1].Itl, expectedItl), report);
    }

    [Fact]
    public async Task Requests_beyond_the_batch_limit_wait_for_a_slot()
    {
        var options = new SimulatedEngineOptions
        {
            MaxRunningRequests = 2,
            PrefillBaseMs = 2,
            PrefillMsPerToken = 0.01,
            DecodeStepBaseMs = 5,
            DecodeStepMsPerRequest = 0.05,
        };
        await using var server = await SimulatedEngineServer.StartAsync(options);
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        await MeasureAsync(client, 10, 3);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => TimeRequestAsync(client)));
        var ordered = results.OrderBy(static r => r.Ttft).ToArray();
        var firstE2e = Math.Min(ordered[0].E2e, ordered[1].E2e);
        output.WriteLine(string.Join("; ", ordered.Select(r => $"TTFT {r.Ttft:F1} ms, E2E {r.E2e:F1} ms")));
        Assert.True(firstE2e > 90, $"first two E2E {firstE2e:F1} ms");
        Assert.True(ordered[2].Ttft >= 0.9 * firstE2e, $"third TTFT {ordered[2].Ttft:F1} ms vs first E2E {firstE2e:F1} ms");
        Assert.True(ordered[3].Ttft >= 0.9 * firstE2e, $"fourth TTFT {ordered[3].Ttft:F1} ms vs first E2E {firstE2e:F1} ms");
        Assert.True(ordered[1].Ttft < 0.5 * firstE2e, $"second TTFT {ordered[1].Ttft:F1} ms should not queue");
        Assert.Equal(2, server.Stats.PeakRunningBatch);
    }

    private static async Task<(double Ttft, double E2e)> TimeRequestAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        double? first = null;
        var body = new { prompt = Words(10), max_tokens = 20, ignore_eos = true, stream = true };
        await foreach (var e in StreamAsync(client, "/v1/completions", body, clock))
        {
            first ??= e.At.TotalMilliseconds;
        }

        return (first!.Value, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>TTFT (ms, from sending) and mean ITL (ms between text chunks) of one streamed request.</summary>
    private static async Task<(double Ttft, double Itl)> MeasureAsync(HttpClient client, int inputTokens, int outputTokens)
    {
        var body = new { prompt = Words(inputTokens), max_tokens = outputTokens, ignore_eos = true, stream = true };
        var clock = Stopwatch.StartNew();
        var arrivals = new List<double>();
        await foreach (var e in StreamAsync(client, "/v1/completions", body, clock))
        {
            if (e.Data != "[DONE]")
            {
                using var doc = JsonDocument.Parse(e.Data);
                if (doc.RootElement.GetProperty("choices").GetArrayLength() > 0)
                {
                    arrivals.Add(e.At.TotalMilliseconds);
                }
            }
        }

        Assert.Equal(outputTokens, arrivals.Count);
        return (arrivals[0], (arrivals[^1] - arrivals[0]) / (arrivals.Count - 1));
    }

    private static bool Within(double measured, double expected) =>
        measured >= expected * 0.9 && measured <= expected * 1.1;
}
