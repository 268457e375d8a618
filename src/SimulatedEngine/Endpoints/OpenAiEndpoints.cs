using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SglangCi.SimulatedEngine.Generation;
using SglangCi.SimulatedEngine.Http;
using SglangCi.SimulatedEngine.Scheduling;

namespace SglangCi.SimulatedEngine.Endpoints;

/// <summary>
/// <c>POST /v1/completions</c> and <c>POST /v1/chat/completions</c>: what <c>bench_serving</c> and our load
/// generator drive. Streams carry only the new text per chunk, an optional usage chunk with empty
/// <c>choices</c> and a final <c>[DONE]</c>, as SGLang's OpenAI server does.
/// </summary>
internal static class OpenAiEndpoints
{
    public static void MapOpenAiEndpoints(this IEndpointRouteBuilder app, EngineContext engine)
    {
        app.MapPost("/v1/completions", http => EndpointGuard.RunAsync(http, () => HandleAsync(http, engine, OpenAiFormat.Completion)));
        app.MapPost("/v1/chat/completions", http => EndpointGuard.RunAsync(http, () => HandleAsync(http, engine, OpenAiFormat.Chat)));
    }

    private static async Task HandleAsync(HttpContext http, EngineContext engine, OpenAiFormat format)
    {
        using var doc = await JsonRequestReader.ReadObjectAsync(http, requireJsonContentType: true).ConfigureAwait(false);
        if (doc is null)
        {
            return;
        }

        var request = format.IsChat
            ? OpenAiRequest.ParseChat(doc.RootElement, engine.Options)
            : OpenAiRequest.ParseCompletion(doc.RootElement, engine.Options);
        await GenerationFlow.RunAsync(
            http,
            engine,
            request.Prompts,
            isBatch: request.Prompts.Count > 1,
            request.Stream,
            running => StreamAsync(http, format, request, running),
            (_, results) => RespondAsync(http, format, request, results)).ConfigureAwait(false);
    }

    private static async Task RespondAsync(HttpContext http, OpenAiFormat format, OpenAiRequest request, IReadOnlyList<CompletedGeneration> results)
    {
        var id = OpenAiJson.NewId(format.IdPrefix);
        await JsonResponse.WriteAsync(http, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            OpenAiJson.WriteEnvelope(w, id, format.ResponseObject, OpenAiJson.Now(), request.Model);
            w.WriteStartArray("choices");
            for (var i = 0; i < results.Count; i++)
            {
                format.WriteChoice(w, i, results[i]);
            }

            w.WriteEndArray();
            OpenAiJson.WriteUsage(w, request.Prompts.Sum(static p => (long)p.PromptTokens), results.Sum(static r => (long)r.CompletionTokens));
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task StreamAsync(HttpContext http, OpenAiFormat format, OpenAiRequest request, EngineRequest running)
    {
        var id = OpenAiJson.NewId(format.IdPrefix);
        var created = OpenAiJson.Now();
        var promptTokens = running.Input.PromptTokens;
        var sse = new SseWriter(http);
        await sse.StartAsync().ConfigureAwait(false);
        if (format.IsChat)
        {
            sse.WriteEvent(w => WriteChunk(w, format, request, id, created, string.Empty, null, "assistant", null));
            await sse.FlushAsync().ConfigureAwait(false);
        }

        var events = running.Events;
        var completionTokens = 0;
        FinishReason? finish = null;
        while (finish is null && await events.WaitToReadAsync(http.RequestAborted).ConfigureAwait(false))
        {
            while (finish is null && events.TryRead(out var e))
            {
                completionTokens = e.CompletionTokens;
                finish = e.Finish;
                if (finish?.Kind == FinishKind.Abort)
                {
                    sse.WriteEvent(w =>
                    {
                        w.WriteStartObject();
                        w.WritePropertyName("error");
                        ApiError.Write(w, StatusCodes.Status503ServiceUnavailable, finish.Matched ?? "The request was aborted.");
                        w.WriteEndObject();
                    });
                    break;
                }

                var usage = request.ContinuousUsage ? (promptTokens, completionTokens) : ((int, int)?)null;
                sse.WriteEvent(w => WriteChunk(w, format, request, id, created, e.Delta, e.Finish, null, usage));
            }

            await sse.FlushAsync().ConfigureAwait(false);
        }

        if (request.IncludeUsage && finish?.Kind != FinishKind.Abort)
        {
            sse.WriteEvent(w =>
            {
                w.WriteStartObject();
                OpenAiJson.WriteEnvelope(w, id, format.ChunkObject, created, request.Model);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                OpenAiJson.WriteUsage(w, promptTokens, completionTokens);
                w.WriteEndObject();
            });
        }

        sse.WriteDone();
        await sse.FlushAsync().ConfigureAwait(false);
    }

    private static void WriteChunk(
        System.Text.Json.Utf8JsonWriter w,
        OpenAiFormat format,
        OpenAiRequest request,
        string id,
        long created,
        string delta,
        FinishReason? finish,
        string? role,
        (int Prompt, int Completion)? usage)
    {
        w.WriteStartObject();
        OpenAiJson.WriteEnvelope(w, id, format.ChunkObject, created, request.Model);
        w.WriteStartArray("choices");
        format.WriteDeltaChoice(w, 0, delta, finish, role);
        w.WriteEndArray();
        if (usage is { } u)
        {
            OpenAiJson.WriteUsage(w, u.Prompt, u.Completion);
        }

        w.WriteEndObject();
    }
}
