using System.Diagnostics;
using System.Net;
using SglangCi.SimulatedEngine;
using SglangCi.SimulatedEngine.Router;
using static SglangCi.Toolkit.Tests.SimulatedEngine.SimulatedEngineTestSupport;

namespace SglangCi.Toolkit.Tests.SimulatedEngine;

/// <summary>The simulated PD router in front of two simulated servers, over real HTTP.</summary>
public sealed class SimulatedPdRouterTests
{
    [Fact]
    public void Router_arguments_are_read_from_the_launch_command_line()
    {
        var args = PdRouterArgs.TryParse(["--pd-disaggregation", "--prefill", "http://10.0.0.1:30025", "8998", "--decode=http://10.0.0.1:30026", "--port", "30028"]);
        Assert.Equal(new Uri("http://10.0.0.1:30025"), args!.Prefill);
        Assert.Equal(new Uri("http://10.0.0.1:30026"), args.Decode);
        Assert.Null(PdRouterArgs.TryParse(["--disaggregation-mode", "prefill", "--tp", "4"]));
        Assert.Contains("--decode", Assert.Throws<ArgumentException>(() => PdRouterArgs.TryParse(["--pd-disaggregation", "--prefill", "http://a:1"])).Message);
    }

    [Fact]
    public async Task Router_forwards_models_generation_and_streams_to_the_decode_server_and_checks_both_for_health()
    {
        await using var prefill = await StartServerAsync("prefill-model", "prefill");
        await using var decode = await StartServerAsync("decode-model", "decode");
        await using var router = await SimulatedPdRouter.StartAsync(new PdRouterArgs(prefill.BaseUrl, decode.BaseUrl));
        using var client = new HttpClient { BaseAddress = router.BaseUrl };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var models = await client.GetStringAsync("/v1/models");
        Assert.Contains("decode-model", models, StringComparison.Ordinal);
        Assert.Contains("/models/decode-model", await client.GetStringAsync("/get_model_info"), StringComparison.Ordinal);

        var completion = await PostJsonAsync(client, "/v1/completions", new { prompt = "The capital of France is", max_tokens = 8, temperature = 0.7 });
        Assert.False(string.IsNullOrEmpty(completion.GetProperty("choices")[0].GetProperty("text").GetString()));
        var generated = await PostJsonAsync(client, "/generate", new { text = "Hello", sampling_params = new { max_new_tokens = 4, temperature = 0 } });
        Assert.True(generated.TryGetProperty("text", out _));

        var events = new List<string>();
        await foreach (var e in StreamAsync(client, "/v1/completions", new { prompt = "Once upon a time", max_tokens = 6, stream = true, ignore_eos = true }, Stopwatch.StartNew()))
        {
            events.Add(e.Data);
        }

        Assert.True(events.Count >= 6, $"expected the decode server's deltas passed through, got {events.Count} events");
        Assert.Equal("[DONE]", events[^1]);
        // Received, not served: a stream's last event reaches the client before the server counts it as served.
        Assert.True(decode.Stats.RequestsReceived >= 3, "the decode server answered the generations");
        Assert.Equal(0, prefill.Stats.RequestsReceived);

        await prefill.StopAsync();
        var down = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("prefill", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<SimulatedEngineServer> StartServerAsync(string model, string mode)
    {
        var server = await SimulatedEngineServer.StartAsync(new SimulatedEngineOptions
        {
            ModelName = model,
            ModelPath = $"/models/{model}",
            ServerArgs = SglangServerArgs.Parse(["--disaggregation-mode", mode]),
        });
        await server.WhenReady;
        return server;
    }
}
