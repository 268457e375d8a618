using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SglangCi.SimulatedEngine;
using static SglangCi.Toolkit.Tests.SimulatedEngine.SimulatedEngineTestSupport;

namespace SglangCi.Toolkit.Tests.SimulatedEngine;

/// <summary>Injected faults behave like the real failures they stand for.</summary>
public sealed class SimulatedEngineFaultTests
{
    private static readonly SimulatedEngineOptions Fast = new()
    {
        PrefillBaseMs = 0.5,
        PrefillMsPerToken = 0.001,
        DecodeStepBaseMs = 1,
        DecodeStepMsPerRequest = 0,
    };

    [Fact]
    public async Task Error_rate_one_answers_every_request_with_500()
    {
        await using var server = await SimulatedEngineServer.StartAsync(Fast with { Faults = new SimulatedFaults { ErrorRate = 1.0 } });
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        using var response = await client.PostAsync("/v1/completions", Json(new { prompt = "hi" }));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(500, doc.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(1, server.Stats.RequestsFailed);
    }

    [Fact]
    public async Task Error_rate_fails_about_that_fraction_reproducibly()
    {
        async Task<string> PatternAsync()
        {
            await using var server = await SimulatedEngineServer.StartAsync(Fast with { Faults = new SimulatedFaults { ErrorRate = 0.3 } });
            using var client = new HttpClient { BaseAddress = server.BaseUrl };
            var codes = new List<char>();
            for (var i = 0; i < 60; i++)
            {
                using var response = await client.PostAsync("/v1/completions", Json(new { prompt = "hi", max_tokens = 1 }));
                codes.Add(response.IsSuccessStatusCode ? '.' : 'x');
            }

            return new string(codes.ToArray());
        }

        var first = await PatternAsync();
        Assert.Equal(first, await PatternAsync());
        Assert.InRange(first.Count(static c => c == 'x'), 6, 30);
    }

    [Fact]
    public async Task Crash_after_requests_cuts_connections_and_faults_completion()
    {
        var server = await SimulatedEngineServer.StartAsync(Fast with { Faults = new SimulatedFaults { CrashAfterRequests = 2 } });
        await using (server)
        {
            using var client = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
            for (var i = 0; i < 2; i++)
            {
                await PostJsonAsync(client, "/v1/completions", new { prompt = "hi", max_tokens = 2 });
            }

            await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("/v1/completions", Json(new { prompt = "hi" })));
            await Assert.ThrowsAsync<SimulatedEngineCrashedException>(() => server.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/health"));
        }
    }

    [Fact]
    public async Task Failed_startup_reports_503_then_faults_and_stops_listening()
    {
        var options = Fast with { StartupDelay = TimeSpan.FromMilliseconds(1000), Faults = new SimulatedFaults { FailStartup = true } };
        await using var server = await SimulatedEngineServer.StartAsync(options);
        using var client = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        using (var early = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        }

        await Assert.ThrowsAsync<SimulatedEngineCrashedException>(() => server.WhenReady.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<SimulatedEngineCrashedException>(() => server.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/health"));
    }

    [Fact]
    public async Task Stalled_streams_stop_after_the_configured_tokens_and_stop_cleanly()
    {
        var server = await SimulatedEngineServer.StartAsync(Fast with { Faults = new SimulatedFaults { StallAfterTokens = 3 } });
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        var received = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(1500));
        var body = new { prompt = "stall", max_tokens = 50, stream = true };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in StreamAsync(client, "/v1/completions", body, Stopwatch.StartNew(), timeout.Token))
            {
                received++;
            }
        });
        Assert.Equal(3, received);

        var stopping = Stopwatch.StartNew();
        await server.DisposeAsync();
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(4), $"stop took {stopping.Elapsed}");
        await server.Completion;
    }
}
