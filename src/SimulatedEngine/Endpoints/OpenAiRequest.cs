using System.Text;
using System.Text.Json;
using SglangCi.SimulatedEngine.Generation;
using SglangCi.SimulatedEngine.Http;

namespace SglangCi.SimulatedEngine.Endpoints;

/// <summary>
/// An OpenAI completion or chat request as the simulator understands it: one generation per prompt plus
/// the streaming switches. Parsing follows SGLang's protocol models (<c>max_tokens</c> defaults to 16,
/// <c>prompt</c> may be text, token ids or a batch of either) and ignores fields it does not model.
/// </summary>
internal sealed record OpenAiRequest(
    string Model,
    IReadOnlyList<GenerationRequest> Prompts,
    bool Stream,
    bool IncludeUsage,
    bool ContinuousUsage)
{
    /// <summary>OpenAI's and SGLang's default completion length.</summary>
    public const int DefaultMaxTokens = 16;

    /// <summary>Parses a <c>/v1/completions</c> body.</summary>
    public static OpenAiRequest ParseCompletion(JsonElement root, SimulatedEngineOptions options)
    {
        var maxTokens = JsonFields.GetInt(root, "max_tokens") ?? DefaultMaxTokens;
        var prompts = ParsePrompts(root)
            .Select(p => new GenerationRequest(p.Text, p.Tokens, maxTokens, JsonFields.GetStop(root, "stop"), JsonFields.GetBool(root, "ignore_eos") ?? false))
            .ToArray();
        return Create(root, options, prompts);
    }

    /// <summary>Parses a <c>/v1/chat/completions</c> body; the prompt is the messages' text contents.</summary>
    public static OpenAiRequest ParseChat(JsonElement root, SimulatedEngineOptions options)
    {
        if (JsonFields.Get(root, "messages") is not { ValueKind: JsonValueKind.Array } messages || messages.GetArrayLength() == 0)
        {
            throw new RequestValidationException("'messages' must be a non-empty list.");
        }

        var text = new StringBuilder();
        var tokens = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw new RequestValidationException("Each message must be an object with 'role' and 'content'.");
            }

            var content = MessageText(message);
            tokens += WordTokenizer.CountTokens(content);
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(content);
        }

        var maxTokens = JsonFields.GetInt(root, "max_completion_tokens") ?? JsonFields.GetInt(root, "max_tokens") ?? DefaultMaxTokens;
        var request = new GenerationRequest(text.ToString(), tokens, maxTokens, JsonFields.GetStop(root, "stop"), JsonFields.GetBool(root, "ignore_eos") ?? false);
        return Create(root, options, [request]);
    }

    private static OpenAiRequest Create(JsonElement root, SimulatedEngineOptions options, IReadOnlyList<GenerationRequest> prompts)
    {
        var streamOptions = JsonFields.GetObject(root, "stream_options");
        return new OpenAiRequest(
            JsonFields.GetString(root, "model") ?? options.ModelName,
            prompts,
            JsonFields.GetBool(root, "stream") ?? false,
            JsonFields.GetBool(streamOptions, "include_usage") ?? false,
            JsonFields.GetBool(streamOptions, "continuous_usage_stats") ?? false);
    }

    /// <summary>A message's text: a string, or the text parts of a content list (images are not modelled).</summary>
    private static string MessageText(JsonElement message) =>
        JsonFields.Get(message, "content") switch
        {
            null => string.Empty,
            { ValueKind: JsonValueKind.String } s => s.GetString()!,
            { ValueKind: JsonValueKind.Array } parts => string.Join(' ', parts.EnumerateArray()
                .Select(static p => p.ValueKind == JsonValueKind.Object ? JsonFields.GetString(p, "text") : null)
                .OfType<string>()),
            _ => throw new RequestValidationException("A message's 'content' must be a string or a list of parts."),
        };

    /// <summary><c>prompt</c>: a string, a list of strings, a list of token ids, or a list of such lists.</summary>
    private static IReadOnlyList<(string Text, int Tokens)> ParsePrompts(JsonElement root)
    {
        var prompt = JsonFields.Get(root, "prompt") ?? throw new RequestValidationException("'prompt' is required.");
        if (prompt.ValueKind == JsonValueKind.String)
        {
            var text = prompt.GetString()!;
            return [(text, WordTokenizer.CountTokens(text))];
        }

        if (prompt.ValueKind != JsonValueKind.Array || prompt.GetArrayLength() == 0)
        {
            throw new RequestValidationException("'prompt' must be a string, a list of strings or a non-empty list of token ids.");
        }

        var items = prompt.EnumerateArray().ToArray();
        if (items.All(static i => i.ValueKind == JsonValueKind.String))
        {
            return items.Select(static i => (i.GetString()!, WordTokenizer.CountTokens(i.GetString()))).ToArray();
        }

        if (items.All(static i => i.ValueKind == JsonValueKind.Number))
        {
            return [TokenIdPrompt(prompt)];
        }

        if (items.All(static i => i.ValueKind == JsonValueKind.Array))
        {
            return items.Select(TokenIdPrompt).ToArray();
        }

        throw new RequestValidationException("'prompt' mixes types; use text, token ids, or lists of either.");
    }

    /// <summary>A token-id prompt: one token per id; its text form only seeds the generated words.</summary>
    internal static (string Text, int Tokens) TokenIdPrompt(JsonElement ids)
    {
        if (ids.ValueKind != JsonValueKind.Array || ids.EnumerateArray().Any(static i => i.ValueKind != JsonValueKind.Number))
        {
            throw new RequestValidationException("Token ids must be a list of integers.");
        }

        return ("ids: " + string.Join(' ', ids.EnumerateArray().Select(static i => i.GetRawText())), ids.GetArrayLength());
    }
}
