using System.Text.Json;
using SglangCi.SimulatedEngine.Generation;

namespace SglangCi.SimulatedEngine.Endpoints;

/// <summary>
/// JSON fragments shared by the OpenAI completion and chat responses (ids, usage, finish fields), written
/// with the exact key names SGLang's <c>protocol.py</c> uses.
/// </summary>
internal static class OpenAiJson
{
    /// <summary>A response id in OpenAI style (<c>cmpl-…</c>, <c>chatcmpl-…</c>).</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Unix seconds, for <c>created</c>.</summary>
    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>Writes <c>"usage": {prompt_tokens, total_tokens, completion_tokens, prompt_tokens_details}</c>.</summary>
    public static void WriteUsage(Utf8JsonWriter w, long promptTokens, long completionTokens)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", promptTokens);
        w.WriteNumber("total_tokens", promptTokens + completionTokens);
        w.WriteNumber("completion_tokens", completionTokens);
        w.WriteNull("prompt_tokens_details");
        w.WriteEndObject();
    }

    /// <summary>Writes <c>finish_reason</c> and <c>matched_stop</c> (null while the request runs).</summary>
    public static void WriteFinish(Utf8JsonWriter w, FinishReason? finish)
    {
        if (finish is null)
        {
            w.WriteNull("finish_reason");
            w.WriteNull("matched_stop");
            return;
        }

        w.WriteString("finish_reason", finish.OpenAiName);
        if (finish.Kind == FinishKind.Stop && finish.Matched is not null)
        {
            w.WriteString("matched_stop", finish.Matched);
        }
        else
        {
            w.WriteNull("matched_stop");
        }
    }

    /// <summary>Writes the envelope's leading fields: id, object, created, model.</summary>
    public static void WriteEnvelope(Utf8JsonWriter w, string id, string objectName, long created, string model)
    {
        w.WriteString("id", id);
        w.WriteString("object", objectName);
        w.WriteNumber("created", created);
        w.WriteString("model", model);
    }
}
