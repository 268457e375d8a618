namespace SglangCi.Toolkit.Gsm8k;

/// <summary>One GSM8K evaluation, as SGLang's <c>benchmark/gsm8k/bench_sglang.py</c> runs it.</summary>
public sealed record Gsm8kOptions(
    Uri BaseUrl,
    int NumQuestions = 200,
    int NumShots = 5,
    int Parallel = 64,
    int MaxNewTokens = 512)
{
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
