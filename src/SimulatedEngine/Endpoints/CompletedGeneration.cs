using System.Text;
using SglangCi.SimulatedEngine.Generation;
using SglangCi.SimulatedEngine.Scheduling;

namespace SglangCi.SimulatedEngine.Endpoints;

/// <summary>
/// A whole generation gathered for a non-streaming response: the text, pseudo token ids (one per
/// generated token, stable per word, for <c>output_ids</c>) and why it finished.
/// </summary>
internal sealed record CompletedGeneration(string Text, IReadOnlyList<int> OutputIds, int CompletionTokens, FinishReason Finish)
{
    /// <summary>A pseudo vocabulary size, roughly a modern LLM's, so ids look plausible.</summary>
    private const int VocabularySize = 151_000;

    /// <summary>Waits for <paramref name="request"/> to finish and assembles its output.</summary>
    public static async Task<CompletedGeneration> CollectAsync(EngineRequest request, CancellationToken ct)
    {
        var text = new StringBuilder();
        var ids = new List<int>();
        var tokens = 0;
        FinishReason? finish = null;
        await foreach (var e in request.Events.ReadAllAsync(ct).ConfigureAwait(false))
        {
            text.Append(e.Delta);
            if (e.CompletionTokens > tokens)
            {
                ids.Add(TokenId(e.Delta));
                tokens = e.CompletionTokens;
            }

            finish = e.Finish ?? finish;
        }

        return new CompletedGeneration(text.ToString(), ids, tokens, finish ?? new FinishReason(FinishKind.Abort, 0, "The request ended without a result."));
    }

    /// <summary>The pseudo id of one token's text.</summary>
    public static int TokenId(string token) => (int)(StableHash.Of(0, token) % VocabularySize);
}
