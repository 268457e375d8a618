namespace SglangCi.Toolkit.Gsm8k;

/// <summary>
/// SGLang's GSM8K stop strings: the next few-shot question and chat turn markers. The one list both the
/// evaluator (which sends them with every question) and the simulated engine (which must not answer across
/// them) use.
/// </summary>
public static class Gsm8kStopSequences
{
    /// <summary>The stop that ends a well-formed reply: the next few-shot block starts with it.</summary>
    public const string Question = "Question";

    /// <summary>Every GSM8K stop string, in the order SGLang's script sends them.</summary>
    public static readonly IReadOnlyList<string> All = [Question, "Assistant:", "<|separator|>"];
}
