namespace SglangCi.SimulatedEngine.Generation;

/// <summary>
/// Decides what a request will say: a GSM8K answer when the prompt is a GSM8K question, otherwise an
/// endless stream of ordinary words (benchmark requests run to their token limit, as with
/// <c>ignore_eos</c> on a real model). Seeded by the prompt so identical requests get identical output.
/// </summary>
internal sealed class ResponsePlanner(SimulatedEngineOptions options)
{
    private static readonly string[] Vocabulary =
    [
        "the", "answer", "is", "a", "of", "and", "to", "in", "that", "it", "with", "as", "for", "was", "on",
        "are", "be", "this", "by", "from", "at", "or", "have", "an", "they", "which", "one", "you", "were",
        "all", "we", "when", "there", "can", "more", "if", "no", "so", "each", "number", "then", "first",
        "time", "would", "about", "many", "some", "these", "two", "like", "other", "could", "into", "most",
        "model", "token", "value", "result", "step", "total", "three", "four", "five", "simple", "every",
    ];

    private readonly Gsm8kResponder _gsm8k = new(options.Gsm8kAnswers, options.Gsm8kAccuracy, options.Seed, options.Gsm8kAccuracyByTrial);

    /// <summary>The token plan for <paramref name="request"/>.</summary>
    public TokenPlan Plan(GenerationRequest request)
    {
        var answer = _gsm8k.TryRespond(request.PromptText);
        var words = GenericWords(StableHash.Of(options.Seed, request.PromptText));
        if (answer is null)
        {
            return new TokenPlan(words, null, request.MaxTokens, request.Stop);
        }

        return request.IgnoreEos
            ? new TokenPlan(answer.Concat(words), null, request.MaxTokens, request.Stop)
            : new TokenPlan(answer, Gsm8kResponder.NaturalStop, request.MaxTokens, request.Stop);
    }

    private static IEnumerable<string> GenericWords(ulong seed)
    {
        var random = new DeterministicRandom(seed);
        while (true)
        {
            yield return " " + Vocabulary[random.Next(Vocabulary.Length)];
        }
    }
}
