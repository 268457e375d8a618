using System.Text.Json;
using SglangCi.SimulatedEngine.Generation;
using SglangCi.SimulatedEngine.Http;

namespace SglangCi.SimulatedEngine.Endpoints;

/// <summary>
/// A native <c>/generate</c> request (SGLang's <c>GenerateReqInput</c>): <c>text</c> or <c>input_ids</c>,
/// single or batched, with <c>sampling_params</c>. <c>max_new_tokens</c> defaults to 128 as in SGLang;
/// sampling fields the simulator does not model (temperature, top_p, …) are accepted and ignored.
/// </summary>
internal sealed record NativeGenerateRequest(IReadOnlyList<GenerationRequest> Prompts, bool IsBatch, bool Stream)
{
    /// <summary>SGLang's default <c>max_new_tokens</c>.</summary>
    public const int DefaultMaxNewTokens = 128;

    public static NativeGenerateRequest Parse(JsonElement root)
    {
        var sampling = JsonFields.GetObject(root, "sampling_params");
        var maxNewTokens = JsonFields.GetInt(sampling, "max_new_tokens") ?? DefaultMaxNewTokens;
        var stop = JsonFields.GetStop(sampling, "stop");
        var ignoreEos = JsonFields.GetBool(sampling, "ignore_eos") ?? false;
        _ = JsonFields.GetDouble(sampling, "temperature");

        var (prompts, isBatch) = ParseInputs(root);
        return new NativeGenerateRequest(
            prompts.Select(p => new GenerationRequest(p.Text, p.Tokens, maxNewTokens, stop, ignoreEos)).ToArray(),
            isBatch,
            JsonFields.GetBool(root, "stream") ?? false);
    }

    private static (IReadOnlyList<(string Text, int Tokens)> Prompts, bool IsBatch) ParseInputs(JsonElement root)
    {
        var text = JsonFields.Get(root, "text");
        var ids = JsonFields.Get(root, "input_ids");
        if (text is null == ids is null)
        {
            throw new RequestValidationException("Either text or input_ids should be provided.");
        }

        if (text is { } t)
        {
            return t.ValueKind switch
            {
                JsonValueKind.String => ([(t.GetString()!, WordTokenizer.CountTokens(t.GetString()))], false),
                JsonValueKind.Array when t.GetArrayLength() > 0 && t.EnumerateArray().All(static i => i.ValueKind == JsonValueKind.String) =>
                    (t.EnumerateArray().Select(static i => (i.GetString()!, WordTokenizer.CountTokens(i.GetString()))).ToArray(), true),
                _ => throw new RequestValidationException("'text' must be a string or a non-empty list of strings."),
            };
        }

        var list = ids!.Value;
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new RequestValidationException("'input_ids' must be a non-empty list of token ids or of lists of token ids.");
        }

        return list[0].ValueKind == JsonValueKind.Array
            ? (list.EnumerateArray().Select(OpenAiRequest.TokenIdPrompt).ToArray(), true)
            : ([OpenAiRequest.TokenIdPrompt(list)], false);
    }
}
