using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SglangCi.SimulatedEngine.Http;

/// <summary>
/// Writes a JSON response body straight into the response pipe with <see cref="Utf8JsonWriter"/>. Explicit
/// writing (rather than serializing DTOs) pins every key to SGLang's exact snake_case spelling and keeps
/// the hot path allocation-light when a benchmark drives thousands of requests.
/// </summary>
internal static class JsonResponse
{
    /// <summary>Non-ASCII text (GSM8K has curly quotes) is written as UTF-8, not <c>\uXXXX</c> escapes,
    /// as SGLang's orjson responses do; the bodies are JSON, never embedded in HTML.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Sends <paramref name="status"/> with the JSON that <paramref name="write"/> produces.</summary>
    public static async Task WriteAsync(HttpContext http, int status, Action<Utf8JsonWriter> write)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(http.Response.BodyWriter, WriterOptions))
        {
            write(writer);
        }

        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
