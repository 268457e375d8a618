using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SglangCi.SimulatedEngine.Http;

/// <summary>
/// Server-sent events in SGLang's framing: each event is <c>data: {json}</c> and a blank line, the stream
/// ends with <c>data: [DONE]</c>. Events are written into the response pipe and flushed explicitly, so
/// several tokens that are ready together go out in one write while each still arrives as its own event.
/// </summary>
internal sealed class SseWriter(HttpContext http)
{
    private readonly Utf8JsonWriter _json = new(http.Response.BodyWriter, JsonResponse.WriterOptions);

    /// <summary>Sends the headers; the client's TTFT clock keeps running until the first event.</summary>
    public Task StartAsync()
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        return http.Response.StartAsync(http.RequestAborted);
    }

    /// <summary>Buffers one <c>data: {json}</c> event; call <see cref="FlushAsync"/> to send.</summary>
    public void WriteEvent(Action<Utf8JsonWriter> write)
    {
        var pipe = http.Response.BodyWriter;
        pipe.Write("data: "u8);
        _json.Reset(pipe);
        write(_json);
        _json.Flush();
        pipe.Write("\n\n"u8);
    }

    /// <summary>Buffers the terminating <c>data: [DONE]</c>.</summary>
    public void WriteDone() => http.Response.BodyWriter.Write("data: [DONE]\n\n"u8);

    /// <summary>Sends everything buffered.</summary>
    public async Task FlushAsync() => await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
}
