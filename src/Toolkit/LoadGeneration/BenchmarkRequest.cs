namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>
/// One prompt of the synthetic dataset. <paramref name="PromptLength"/> is the target length in tokens, which is
/// what bench_serving records for its random datasets (it does not re-tokenize the prompt).
/// </summary>
public sealed record BenchmarkRequest(string Prompt, int PromptLength, int OutputLength);
