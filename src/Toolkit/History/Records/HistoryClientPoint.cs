using SglangCi.Toolkit.Parsing.BenchServing;

namespace SglangCi.Toolkit.History.Records;

/// <summary>
/// One bench_serving run at one load point, from a client log: every metric its result block printed.
/// <see cref="RunCompleted"/> is false when the log lacks its <c>Run completed at:</c> line (the run was cut short).
/// </summary>
public sealed record HistoryClientPoint(
    string RunId,
    string LoadKind,
    double Load,
    int Repetition,
    BenchServingResult Result,
    long? PromptCount,
    bool RunCompleted,
    SourceRef Source);
