using System.Text.Json;
using SglangCi.SimulatedEngine.Generation;

namespace SglangCi.SimulatedEngine.Endpoints;

/// <summary>
/// The differences between <c>/v1/completions</c> and <c>/v1/chat/completions</c> responses (object names,
/// <c>text</c> versus <c>message</c>/<c>delta</c>), so one handler serves both APIs.
/// </summary>
internal sealed class OpenAiFormat
{
    public static readonly OpenAiFormat Completion = new(false);
    public static readonly OpenAiFormat Chat = new(true);

    private OpenAiFormat(bool isChat) => IsChat = isChat;

    public bool IsChat { get; }

    public string IdPrefix => IsChat ? "chatcmpl" : "cmpl";

    public string ResponseObject => IsChat ? "chat.completion" : "text_completion";

    public string ChunkObject => IsChat ? "chat.completion.chunk" : "text_completion";

    /// <summary>One choice of a non-streaming response.</summary>
    public void WriteChoice(Utf8JsonWriter w, int index, CompletedGeneration result)
    {
        w.WriteStartObject();
        w.WriteNumber("index", index);
        if (IsChat)
        {
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            w.WriteString("content", result.Text);
            w.WriteNull("reasoning_content");
            w.WriteNull("tool_calls");
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("text", result.Text);
        }

        w.WriteNull("logprobs");
        OpenAiJson.WriteFinish(w, result.Finish);
        w.WriteEndObject();
    }

    /// <summary>One choice of a stream chunk: only the new text. <paramref name="role"/> is set on the chat
    /// stream's opening chunk, as OpenAI clients expect the role first.</summary>
    public void WriteDeltaChoice(Utf8JsonWriter w, int index, string delta, FinishReason? finish, string? role = null)
    {
        w.WriteStartObject();
        w.WriteNumber("index", index);
        if (IsChat)
        {
            w.WriteStartObject("delta");
            if (role is not null)
            {
                w.WriteString("role", role);
            }

            w.WriteString("content", delta);
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("text", delta);
        }

        w.WriteNull("logprobs");
        OpenAiJson.WriteFinish(w, finish);
        w.WriteEndObject();
    }
}
