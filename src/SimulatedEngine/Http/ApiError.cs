using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace SglangCi.SimulatedEngine.Http;

/// <summary>
/// SGLang's error body, <c>{"object":"error","message":…,"type":"Bad Request","param":null,"code":400}</c>,
/// so clients that parse real SGLang errors parse ours the same way.
/// </summary>
internal static class ApiError
{
    /// <summary>Sends the error JSON with <paramref name="status"/>.</summary>
    public static Task WriteAsync(HttpContext http, int status, string message) =>
        JsonResponse.WriteAsync(http, status, w => Write(w, status, message));

    /// <summary>Writes the error object (also used inside a stream as <c>{"error": {...}}</c>).</summary>
    public static void Write(Utf8JsonWriter w, int status, string message)
    {
        w.WriteStartObject();
        w.WriteString("object", "error");
        w.WriteString("message", message);
        w.WriteString("type", ReasonPhrases.GetReasonPhrase(status));
        w.WriteNull("param");
        w.WriteNumber("code", status);
        w.WriteEndObject();
    }
}
