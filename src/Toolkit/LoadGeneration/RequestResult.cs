namespace SglangCi.Toolkit.LoadGeneration;

/// <summary>What one request measured. Times are seconds since its own start; ITL gaps in seconds.</summary>
public sealed record RequestResult(
    bool Success,
    int PromptLength,
    int OutputLength,
    double? TtftSeconds,
    double LatencySeconds,
    IReadOnlyList<double> InterTokenLatencies,
    string? Error);
