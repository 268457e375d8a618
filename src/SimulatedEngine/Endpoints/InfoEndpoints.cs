using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SglangCi.SimulatedEngine.Http;

namespace SglangCi.SimulatedEngine.Endpoints;

/// <summary>
/// Read-only description endpoints: <c>/get_model_info</c>, <c>/get_server_info</c> (and their 2026
/// aliases <c>/model_info</c>, <c>/server_info</c>) and the OpenAI model list. The CI records these next to
/// every result and clients take the model name from <c>/v1/models</c>, so their shapes match SGLang's.
/// </summary>
internal static class InfoEndpoints
{
    public static void MapInfoEndpoints(this IEndpointRouteBuilder app, EngineContext engine)
    {
        app.MapGet("/get_model_info", http => WriteNodeAsync(http, ModelInfo(engine.Options)));
        app.MapGet("/model_info", http => WriteNodeAsync(http, ModelInfo(engine.Options)));
        app.MapGet("/get_server_info", http => WriteNodeAsync(http, ServerInfo(engine)));
        app.MapGet("/server_info", http => WriteNodeAsync(http, ServerInfo(engine)));
        app.MapGet("/v1/models", http => WriteNodeAsync(http, new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(ModelCard(engine.Options)),
        }));
        // A catch-all: served model names are often paths ("/models/llama"), as in SGLang's {model:path}.
        app.MapGet("/v1/models/{**model}", (HttpContext http, string model) => Uri.UnescapeDataString(model).TrimStart('/') == engine.Options.ModelName.TrimStart('/')
            ? WriteNodeAsync(http, ModelCard(engine.Options))
            : JsonResponse.WriteAsync(http, StatusCodes.Status404NotFound, w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("error");
                w.WriteString("message", $"The model '{model}' does not exist");
                w.WriteString("type", "invalid_request_error");
                w.WriteString("param", "model");
                w.WriteString("code", "model_not_found");
                w.WriteEndObject();
                w.WriteEndObject();
            }));
    }

    private static JsonObject ModelInfo(SimulatedEngineOptions o) => new()
    {
        ["model_path"] = o.ModelPath,
        ["tokenizer_path"] = o.ModelPath,
        ["is_generation"] = true,
        ["preferred_sampling_params"] = null,
        ["weight_version"] = "default",
        ["has_image_understanding"] = false,
        ["has_audio_understanding"] = false,
        ["model_type"] = "simulated",
        ["architectures"] = new JsonArray("SimulatedForCausalLM"),
    };

    private static JsonObject ModelCard(SimulatedEngineOptions o) => new()
    {
        ["id"] = o.ModelName,
        ["object"] = "model",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["owned_by"] = "sglang",
        ["root"] = o.ModelPath,
        ["max_model_len"] = o.ContextLength,
    };

    /// <summary>A flat object like SGLang's (server args + scheduler info + <c>internal_states</c> +
    /// <c>version</c>), plus a <c>simulated_engine</c> object with the latency model for the record.</summary>
    private static JsonObject ServerInfo(EngineContext engine)
    {
        var o = engine.Options;
        var maxTotalTokens = Math.Max((long)o.ContextLength, (long)o.MaxRunningRequests * 4096);
        var info = new JsonObject
        {
            ["model_path"] = o.ModelPath,
            ["tokenizer_path"] = o.ModelPath,
            ["served_model_name"] = o.ModelName,
            ["host"] = engine.Host,
            ["port"] = engine.Port,
            ["tp_size"] = 1,
            ["dp_size"] = 1,
            ["pp_size"] = 1,
            ["ep_size"] = 1,
            ["attention_backend"] = "simulated",
            ["speculative_algorithm"] = null,
            ["disaggregation_mode"] = "null",
            ["enable_dp_attention"] = false,
            ["mem_fraction_static"] = 0.88,
            ["chunked_prefill_size"] = 8192,
            ["cuda_graph_max_bs"] = Math.Min(o.MaxRunningRequests, 256),
            ["max_running_requests"] = o.MaxRunningRequests,
            ["context_length"] = o.ContextLength,
            ["random_seed"] = o.Seed,
            ["device"] = "simulated",
            ["max_total_num_tokens"] = maxTotalTokens,
            ["max_req_input_len"] = o.ContextLength - 1,
        };

        foreach (var (key, value) in o.ServerArgs ?? new Dictionary<string, string>())
        {
            info[key] = TypedValue(value);
        }

        info["internal_states"] = new JsonArray(new JsonObject
        {
            ["last_gen_throughput"] = Math.Round(engine.Scheduler.LastGenThroughput, 3),
            ["memory_usage"] = new JsonObject
            {
                ["weight"] = 0.0,
                ["kvcache"] = 0.0,
                ["token_capacity"] = maxTotalTokens,
                ["graph"] = 0.0,
            },
        });
        info["simulated_engine"] = new JsonObject
        {
            ["prefill_base_ms"] = o.PrefillBaseMs,
            ["prefill_ms_per_token"] = o.PrefillMsPerToken,
            ["decode_step_base_ms"] = o.DecodeStepBaseMs,
            ["decode_step_ms_per_request"] = o.DecodeStepMsPerRequest,
            ["gsm8k_accuracy"] = o.Gsm8kAccuracy,
            ["gsm8k_questions"] = o.Gsm8kAnswers?.Count ?? 0,
        };
        info["version"] = o.Version;
        return info;
    }

    /// <summary>Launch-flag values are strings on the command line; report numbers and booleans typed,
    /// as SGLang's own dump of its parsed arguments does.</summary>
    private static JsonNode? TypedValue(string value)
    {
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        if (bool.TryParse(value, out var b))
        {
            return b;
        }

        return value is "None" or "null" ? null : value;
    }

    private static Task WriteNodeAsync(HttpContext http, JsonNode node) =>
        JsonResponse.WriteAsync(http, StatusCodes.Status200OK, w => node.WriteTo(w));
}
