using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SglangCi.SimulatedEngine.Generation;
using SglangCi.SimulatedEngine.Http;
using SglangCi.SimulatedEngine.Scheduling;

namespace SglangCi.SimulatedEngine.Endpoints;

/// <summary>
/// SGLang's native <c>/generate</c> (POST and PUT), used by the GSM8K script and <c>bench_one_batch_server</c>.
/// Unlike the OpenAI stream, each stream chunk carries the <em>cumulative</em> text and running token
/// count, which is the easiest thing for a client to get wrong and so worth reproducing exactly.
/// </summary>
internal static class NativeEndpoints
{
    public static void MapNativeEndpoints(this IEndpointRouteBuilder app, EngineContext engine)
    {
        app.MapMethods("/generate", ["POST", "PUT"], http => EndpointGuard.RunAsync(http, () => HandleAsync(http, engine)));
    }

    private static async Task HandleAsync(HttpContext http, EngineContext engine)
    {
        using var doc = await JsonRequestReader.ReadObjectAsync(http, requireJsonContentType: false).ConfigureAwait(false);
        if (doc is null)
        {
            return;
        }

        var request = NativeGenerateRequest.Parse(doc.RootElement);
        await GenerationFlow.RunAsync(
            http,
            engine,
            request.Prompts,
            request.IsBatch,
            request.Stream,
            running => StreamAsync(http, running),
            (running, results) => RespondAsync(http, running, results, request.IsBatch)).ConfigureAwait(false);
    }

    private static Task RespondAsync(HttpContext http, IReadOnlyList<EngineRequest> running, IReadOnlyList<CompletedGeneration> results, bool isBatch) =>
        JsonResponse.WriteAsync(http, StatusCodes.Status200OK, w =>
        {
            if (isBatch)
            {
                w.WriteStartArray();
            }

            for (var i = 0; i < results.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("text", results[i].Text);
                w.WriteStartArray("output_ids");
                foreach (var id in results[i].OutputIds)
                {
                    w.WriteNumberValue(id);
                }

                w.WriteEndArray();
                WriteMetaInfo(w, running[i], results[i].CompletionTokens, results[i].Finish);
                w.WriteEndObject();
            }

            if (isBatch)
            {
                w.WriteEndArray();
            }
        });

    private static async Task StreamAsync(HttpContext http, EngineRequest running)
    {
        var sse = new SseWriter(http);
        await sse.StartAsync().ConfigureAwait(false);
        var text = new StringBuilder();
        var events = running.Events;
        FinishReason? finish = null;
        while (finish is null && await events.WaitToReadAsync(http.RequestAborted).ConfigureAwait(false))
        {
            while (finish is null && events.TryRead(out var e))
            {
                finish = e.Finish;
                if (finish?.Kind == FinishKind.Abort)
                {
                    var message = finish.Matched ?? "The request was aborted.";
                    sse.WriteEvent(w =>
                    {
                        w.WriteStartObject();
                        w.WriteStartObject("error");
                        w.WriteString("message", message);
                        w.WriteEndObject();
                        w.WriteEndObject();
                    });
                    break;
                }

                text.Append(e.Delta);
                var cumulative = text.ToString();
                sse.WriteEvent(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("text", cumulative);
                    WriteMetaInfo(w, running, e.CompletionTokens, e.Finish);
                    w.WriteEndObject();
                });
            }

            await sse.FlushAsync().ConfigureAwait(false);
        }

        sse.WriteDone();
        await sse.FlushAsync().ConfigureAwait(false);
    }

    /// <summary><c>meta_info</c> as SGLang reports it; <c>finish_reason</c> is null until the last chunk.</summary>
    private static void WriteMetaInfo(Utf8JsonWriter w, EngineRequest request, int completionTokens, FinishReason? finish)
    {
        w.WriteStartObject("meta_info");
        w.WriteString("id", request.Id);
        w.WritePropertyName("finish_reason");
        if (finish is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStartObject();
            switch (finish.Kind)
            {
                case FinishKind.Length:
                    w.WriteString("type", "length");
                    w.WriteNumber("length", finish.Length);
                    break;
                case FinishKind.Stop:
                    w.WriteString("type", "stop");
                    w.WriteString("matched", finish.Matched);
                    break;
                default:
                    w.WriteString("type", "abort");
                    w.WriteString("message", finish.Matched);
                    break;
            }

            w.WriteEndObject();
        }

        w.WriteNumber("prompt_tokens", request.Input.PromptTokens);
        w.WriteString("weight_version", "default");
        w.WriteNumber("completion_tokens", completionTokens);
        w.WriteNumber("cached_tokens", 0);
        w.WriteNumber("e2e_latency", Math.Round(request.ElapsedSeconds, 6));
        w.WriteEndObject();
    }
}
