using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SglangCi.SimulatedEngine.Http;

/// <summary>
/// Reads a request body as a JSON object, answering the 400s SGLang answers (wrong content type on the
/// OpenAI routes, malformed JSON, a body that is not an object) so every endpoint behaves alike.
/// </summary>
internal static class JsonRequestReader
{
    /// <summary>The parsed body, or null after an error response has been sent.</summary>
    /// <param name="requireJsonContentType">The OpenAI routes refuse anything but <c>application/json</c>.</param>
    public static async Task<JsonDocument?> ReadObjectAsync(HttpContext http, bool requireJsonContentType)
    {
        if (requireJsonContentType && !http.Request.HasJsonContentType())
        {
            await ApiError.WriteAsync(http, StatusCodes.Status400BadRequest,
                "Unsupported Media Type: Only 'application/json' is allowed").ConfigureAwait(false);
            return null;
        }

        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await ApiError.WriteAsync(http, StatusCodes.Status400BadRequest, $"JSON decode error: {e.Message}").ConfigureAwait(false);
            return null;
        }

        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            await ApiError.WriteAsync(http, StatusCodes.Status400BadRequest, "The request body must be a JSON object.").ConfigureAwait(false);
            return null;
        }

        return doc;
    }
}
