using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using SglangCi.SimulatedEngine;
using static SglangCi.Toolkit.Tests.SimulatedEngine.SimulatedEngineTestSupport;

namespace SglangCi.Toolkit.Tests.SimulatedEngine;

/// <summary>The HTTP API shapes: what SGLang clients (bench_serving, the GSM8K script, our toolkit) parse.</summary>
public sealed class SimulatedEngineApiTests : IAsyncLifetime
{
    private static readonly SimulatedEngineOptions FastOptions = new()
    {
        ModelName = "sim-test",
        ModelPath = "/models/sim-test",
        PrefillBaseMs = 0.5,
        PrefillMsPerToken = 0.001,
        DecodeStepBaseMs = 0.5,
        DecodeStepMsPerRequest = 0,
    };

    private SimulatedEngineServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await SimulatedEngineServer.StartAsync(FastOptions);
        await _server.WhenReady;
        _client = new HttpClient { BaseAddress = _server.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Health_is_503_until_the_startup_delay_has_passed()
    {
        var options = FastOptions with { StartupDelay = TimeSpan.FromMilliseconds(1000) };
        var clock = Stopwatch.StartNew();
        await using var server = await SimulatedEngineServer.StartAsync(options);
        using var client = new HttpClient { BaseAddress = server.BaseUrl };

        using (var early = await client.GetAsync("/health_generate"))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(1000), "the check ran too late to see the starting state");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        }

        using (var early = await client.PostAsync("/v1/completions", Json(new { prompt = "hi" })))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        }

        await server.WhenReady.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(990));
        foreach (var path in new[] { "/health", "/health_generate" })
        {
            using var ready = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
    }

    [Fact]
    public async Task Models_list_reports_the_served_model_name_and_context_length()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/v1/models"));
        var root = doc.RootElement;
        Assert.Equal("list", root.GetProperty("object").GetString());
        var model = root.GetProperty("data")[0];
        Assert.Equal("sim-test", model.GetProperty("id").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
        Assert.Equal("sglang", model.GetProperty("owned_by").GetString());
        Assert.Equal(32768, model.GetProperty("max_model_len").GetInt32());

        using var card = await _client.GetAsync("/v1/models/sim-test");
        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        using var missing = await _client.GetAsync("/v1/models/other");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Model_and_server_info_have_the_fields_the_ci_records()
    {
        using var model = JsonDocument.Parse(await _client.GetStringAsync("/get_model_info"));
        Assert.Equal("/models/sim-test", model.RootElement.GetProperty("model_path").GetString());
        Assert.Equal("/models/sim-test", model.RootElement.GetProperty("tokenizer_path").GetString());
        Assert.True(model.RootElement.GetProperty("is_generation").GetBoolean());

        using var server = JsonDocument.Parse(await _client.GetStringAsync("/get_server_info"));
        var info = server.RootElement;
        Assert.Equal(1, info.GetProperty("tp_size").GetInt32());
        Assert.Equal(1, info.GetProperty("dp_size").GetInt32());
        Assert.Equal(JsonValueKind.String, info.GetProperty("attention_backend").ValueKind);
        Assert.Equal(JsonValueKind.Number, info.GetProperty("mem_fraction_static").ValueKind);
        Assert.True(info.GetProperty("max_total_num_tokens").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Number, info.GetProperty("internal_states")[0].GetProperty("last_gen_throughput").ValueKind);
        Assert.Equal("0.5.6-sim", info.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Server_args_are_echoed_typed_in_server_info()
    {
        var options = FastOptions with { ServerArgs = new Dictionary<string, string> { ["tp_size"] = "8", ["attention_backend"] = "aiter" } };
        await using var server = await SimulatedEngineServer.StartAsync(options);
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/get_server_info"));
        Assert.Equal(8, doc.RootElement.GetProperty("tp_size").GetInt32());
        Assert.Equal("aiter", doc.RootElement.GetProperty("attention_backend").GetString());
    }

    [Fact]
    public async Task Non_streaming_completion_counts_prompt_and_completion_tokens()
    {
        var response = await PostJsonAsync(_client, "/v1/completions", new { model = "sim-test", prompt = "one two three four five", max_tokens = 7, ignore_eos = true });
        Assert.Equal("text_completion", response.GetProperty("object").GetString());
        var choice = response.GetProperty("choices")[0];
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(7, choice.GetProperty("text").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        var usage = response.GetProperty("usage");
        Assert.Equal(5, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(7, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(12, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Max_tokens_defaults_to_16_and_token_id_prompts_count_one_token_per_id()
    {
        var response = await PostJsonAsync(_client, "/v1/completions", new { prompt = new[] { 1, 2, 3 } });
        var usage = response.GetProperty("usage");
        Assert.Equal(3, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(16, usage.GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Identical_prompts_get_identical_output()
    {
        var first = await PostJsonAsync(_client, "/v1/completions", new { prompt = "determinism check", max_tokens = 12 });
        var second = await PostJsonAsync(_client, "/v1/completions", new { prompt = "determinism check", max_tokens = 12 });
        Assert.Equal(
            first.GetProperty("choices")[0].GetProperty("text").GetString(),
            second.GetProperty("choices")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Completion_stream_sends_deltas_then_a_usage_chunk_then_done()
    {
        var body = new { prompt = Words(10), max_tokens = 6, stream = true, ignore_eos = true, stream_options = new { include_usage = true } };
        var events = await StreamAsync(_client, "/v1/completions", body, Stopwatch.StartNew()).ToListAsync();

        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.SkipLast(1).Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        var usageChunk = chunks[^1];
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        Assert.Equal(10, usageChunk.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(6, usageChunk.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(16, usageChunk.GetProperty("usage").GetProperty("total_tokens").GetInt32());

        var textChunks = chunks.SkipLast(1).ToList();
        Assert.Equal(6, textChunks.Count);
        foreach (var chunk in textChunks)
        {
            var delta = chunk.GetProperty("choices")[0].GetProperty("text").GetString()!;
            Assert.Single(delta.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.All(textChunks.SkipLast(1), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
        Assert.Equal("length", textChunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());

        var joined = string.Concat(textChunks.Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString()));
        var nonStream = await PostJsonAsync(_client, "/v1/completions", new { prompt = Words(10), max_tokens = 6, ignore_eos = true });
        Assert.Equal(nonStream.GetProperty("choices")[0].GetProperty("text").GetString(), joined);
    }

    [Fact]
    public async Task Chat_stream_opens_with_the_role_and_sends_content_deltas()
    {
        var body = new
        {
            model = "sim-test",
            messages = new[] { new { role = "user", content = "say something nice" } },
            max_tokens = 4,
            stream = true,
            stream_options = new { include_usage = true },
        };
        var events = await StreamAsync(_client, "/v1/chat/completions", body, Stopwatch.StartNew()).ToListAsync();
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.SkipLast(1).Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var content = chunks.Skip(1).SkipLast(1).Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()).ToList();
        Assert.Equal(4, content.Count);
        Assert.Equal(3, chunks[^1].GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(4, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Chat_completion_returns_an_assistant_message()
    {
        var response = await PostJsonAsync(_client, "/v1/chat/completions", new { messages = new[] { new { role = "user", content = "hello" } }, max_tokens = 3 });
        Assert.Equal("chat.completion", response.GetProperty("object").GetString());
        var message = response.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal(3, message.GetProperty("content").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Generate_stream_chunks_carry_cumulative_text_and_meta_info()
    {
        var body = new { text = Words(8), sampling_params = new { max_new_tokens = 5, temperature = 0 }, stream = true };
        var events = await StreamAsync(_client, "/generate", body, Stopwatch.StartNew()).ToListAsync();
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.SkipLast(1).Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.Equal(5, chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var text = chunks[i].GetProperty("text").GetString()!;
            if (i > 0)
            {
                Assert.StartsWith(chunks[i - 1].GetProperty("text").GetString()!, text, StringComparison.Ordinal);
            }

            var meta = chunks[i].GetProperty("meta_info");
            Assert.Equal(i + 1, meta.GetProperty("completion_tokens").GetInt32());
            Assert.Equal(8, meta.GetProperty("prompt_tokens").GetInt32());
            Assert.False(string.IsNullOrEmpty(meta.GetProperty("id").GetString()));
            Assert.Equal(i + 1, text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        }

        var finish = chunks[^1].GetProperty("meta_info").GetProperty("finish_reason");
        Assert.Equal("length", finish.GetProperty("type").GetString());
        Assert.Equal(5, finish.GetProperty("length").GetInt32());
        Assert.True(chunks[^1].GetProperty("meta_info").GetProperty("e2e_latency").GetDouble() > 0);
    }

    [Fact]
    public async Task Generate_defaults_to_128_new_tokens_and_supports_batches()
    {
        var single = await PostJsonAsync(_client, "/generate", new { input_ids = new[] { 5, 6, 7, 8 } });
        Assert.Equal(128, single.GetProperty("meta_info").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(4, single.GetProperty("meta_info").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(128, single.GetProperty("output_ids").GetArrayLength());

        var batch = await PostJsonAsync(_client, "/generate", new { text = new[] { "a b", "c d e" }, sampling_params = new { max_new_tokens = 2 } });
        Assert.Equal(JsonValueKind.Array, batch.ValueKind);
        Assert.Equal(2, batch.GetArrayLength());
        Assert.Equal(3, batch[1].GetProperty("meta_info").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Stop_strings_end_generation_before_the_match()
    {
        var free = await PostJsonAsync(_client, "/v1/completions", new { prompt = "stop test prompt", max_tokens = 10 });
        var text = free.GetProperty("choices")[0].GetProperty("text").GetString()!;
        var stopWord = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        var stopAt = text.IndexOf(" " + stopWord, StringComparison.Ordinal);

        var stopped = await PostJsonAsync(_client, "/v1/completions", new { prompt = "stop test prompt", max_tokens = 10, stop = new[] { " " + stopWord } });
        var choice = stopped.GetProperty("choices")[0];
        Assert.Equal(text[..stopAt], choice.GetProperty("text").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(" " + stopWord, choice.GetProperty("matched_stop").GetString());
    }

    [Theory]
    [InlineData("/v1/completions")]
    [InlineData("/v1/chat/completions")]
    [InlineData("/generate")]
    public async Task Malformed_json_is_a_400_with_sglang_error_json(string path)
    {
        using var content = new StringContent("{\"prompt\": ", Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(path, content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", doc.RootElement.GetProperty("object").GetString());
        Assert.Equal(400, doc.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("Bad Request", doc.RootElement.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task OpenAi_routes_require_a_json_content_type()
    {
        using var content = new StringContent("{\"prompt\": \"hi\"}", Encoding.UTF8, "text/plain");
        using var response = await _client.PostAsync("/v1/completions", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, doc.RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Wrongly_typed_fields_are_a_400_and_unknown_fields_are_ignored()
    {
        using var bad = await _client.PostAsync("/v1/completions", Json(new { prompt = "hi", max_tokens = "many" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("max_tokens", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ok = await PostJsonAsync(_client, "/v1/completions", new { prompt = "hi", max_tokens = 2, top_k = 5, frobnicate = new { x = 1 } });
        Assert.Equal(2, ok.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Prompts_longer_than_the_context_are_rejected()
    {
        var options = FastOptions with { ContextLength = 16 };
        await using var server = await SimulatedEngineServer.StartAsync(options);
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        using var response = await client.PostAsync("/v1/completions", Json(new { prompt = Words(20), max_tokens = 1 }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Flush_cache_answers_sglang_text()
    {
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
        {
            using var response = await _client.SendAsync(new HttpRequestMessage(method, "/flush_cache"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("Cache flushed.\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Stats_count_requests_and_tokens()
    {
        var before = _server.Stats.TokensGenerated;
        await PostJsonAsync(_client, "/v1/completions", new { prompt = "count me", max_tokens = 9 });
        Assert.True(_server.Stats.RequestsServed >= 1);
        Assert.True(_server.Stats.TokensGenerated - before >= 9);
        Assert.True(_server.Stats.PeakRunningBatch >= 1);
    }
}
