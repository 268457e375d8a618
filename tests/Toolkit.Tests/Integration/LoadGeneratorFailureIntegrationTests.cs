using SglangCi.SimulatedEngine;
using SglangCi.Toolkit.LoadGeneration;
using Xunit.Abstractions;
using static SglangCi.Toolkit.Tests.Integration.IntegrationSupport;

namespace SglangCi.Toolkit.Tests.Integration;

/// <summary>
/// Failure handling against real HTTP failures: failed requests are counted and explained but kept out of the
/// metrics (bench_serving aggregates successes only), and a run whose warm-up cannot reach the server stops with
/// an error that names the URL, like bench_serving's "Warmup failed" ValueError.
/// </summary>
/// <remarks>No timing assertions, so these run in parallel with other tests.</remarks>
public sealed class LoadGeneratorFailureIntegrationTests(ITestOutputHelper output)
{
    private const int Prompts = 40;
    private const int InputLength = 20;
    private const int OutputLength = 10;

    // Speed is irrelevant here; 5 ms steps avoid a busy-spinning scheduler loop competing with parallel tests.
    private static readonly SimulatedEngineOptions Engine = SimulatorTimings(prefillBaseMs: 5, prefillMsPerToken: 0.01, decodeStepBaseMs: 5, seed: 21);

    [Fact]
    public async Task Injected_server_errors_are_counted_and_kept_out_of_the_metrics()
    {
        await using var server = await SimulatedEngineServer.StartAsync(Engine with { Faults = new SimulatedFaults { ErrorRate = 0.25 } });
        using var http = NewHttpClient();

        // No warm-up: with errors injected on a quarter of arrivals the warm-up itself could draw one and abort the
        // run, which is correct behaviour (tested below) but not what this test is about.
        var options = Run(server, Prompts, InputLength, OutputLength, maxConcurrency: 8, warmupRequests: 0);
        var report = await RunAsync(http, options);
        output.WriteLine(Describe(report));
        output.WriteLine(report.Errors.FirstOrDefault() ?? "(no errors)");

        // The simulator's fault draws are seeded per arrival, so the count is fixed for this seed; the test only
        // needs some of each, and the client's count must match the server's.
        Assert.True(report.Failed > 0, "an error rate of 0.25 over 40 requests should fail some");
        Assert.True(report.Completed > 0, "an error rate of 0.25 over 40 requests should let some through");
        Assert.Equal(Prompts, report.Completed + report.Failed);
        Assert.Equal(server.Stats.RequestsFailed, report.Failed);
        Assert.Equal(Prompts, report.Requests.Count);
        Assert.Equal(report.Failed, report.Requests.Count(static r => !r.Success));

        // One reason per failure, with the status and the endpoint so a nightly log explains itself.
        Assert.Equal(report.Failed, report.Errors.Count);
        var url = new Uri(server.BaseUrl, "v1/completions").ToString();
        Assert.All(report.Errors, e =>
        {
            Assert.Contains("HTTP 500", e, StringComparison.Ordinal);
            Assert.Contains(url, e, StringComparison.Ordinal);
        });

        // Metrics over successes only: tokens, sample counts and rates all scale with Completed, not NumPrompts.
        Assert.Equal(report.Completed * (long)InputLength, report.TotalInputTokens);
        Assert.Equal(report.Completed * (long)OutputLength, report.TotalOutputTokens);
        Assert.Equal(report.Completed, report.TtftMs.Count);
        Assert.Equal(report.Completed, report.TpotMs.Count);
        Assert.Equal(report.Completed, report.E2eMs.Count);
        Assert.Equal(report.Completed * (OutputLength - 1), report.ItlMs.Count);
        Assert.Equal(report.Completed / report.DurationSeconds, report.RequestThroughput, 9);
        var successE2eSeconds = report.Requests.Where(static r => r.Success).Sum(static r => r.LatencySeconds);
        Assert.Equal(successE2eSeconds / report.DurationSeconds, report.Concurrency, 9);

        // A 500 answers at once, so failed requests must not drag the E2E statistics down: every E2E covers a full
        // generation (at least 9 decode steps of 5 ms).
        Assert.True(report.E2eMs.Max >= 9 * Engine.DecodeStepBaseMs, "E2E statistics should only hold full generations");
        Assert.True(report.E2eMs.Median >= 9 * Engine.DecodeStepBaseMs, $"median E2E {report.E2eMs.Median:F1} ms is too short for a full generation");
    }

    [Fact]
    public async Task A_warm_up_error_aborts_the_run_naming_the_url_and_the_status()
    {
        await using var server = await SimulatedEngineServer.StartAsync(Engine with { Faults = new SimulatedFaults { ErrorRate = 1.0 } });
        using var http = NewHttpClient();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(http, Run(server, 4, InputLength, OutputLength, maxConcurrency: 1)));
        output.WriteLine(error.Message);
        Assert.Contains(new Uri(server.BaseUrl, "v1/completions").ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);

        // The main run never started: only the warm-up reached the server.
        Assert.Equal(1, server.Stats.RequestsReceived);
    }

    [Fact]
    public async Task A_stopped_server_fails_the_warm_up_with_the_completions_url()
    {
        var server = await SimulatedEngineServer.StartAsync(Engine);
        var baseUrl = server.BaseUrl;
        await server.DisposeAsync();
        using var http = NewHttpClient();

        // The model is given, so the failure comes from the warm-up request itself, not from model resolution.
        var options = Run(server, 4, InputLength, OutputLength, maxConcurrency: 1) with { Model = Engine.ModelName };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(http, options));
        output.WriteLine(error.Message);
        Assert.Contains(new Uri(baseUrl, "v1/completions").ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_server_fails_model_resolution_with_the_models_url()
    {
        var server = await SimulatedEngineServer.StartAsync(Engine);
        var baseUrl = server.BaseUrl;
        await server.DisposeAsync();
        using var http = NewHttpClient();

        // Without a model name the first call is GET /v1/models; its failure must name that URL instead.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(http, Run(server, 4, InputLength, OutputLength, maxConcurrency: 1)));
        output.WriteLine(error.Message);
        Assert.Contains(new Uri(baseUrl, "v1/models").ToString(), error.Message, StringComparison.Ordinal);
    }
}
