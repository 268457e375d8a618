namespace SglangCi.Interfaces.Presets;

/// <summary>
/// One named offline mode of a preset (the old system's <c>normal</c>, <c>long_context</c>, <c>dummy</c>): the
/// <c>bench_one_batch</c> cases it runs and extra arguments appended to each command.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OfflinePlan(
    [property: Id(0)] string Mode,
    [property: Id(1)] IReadOnlyList<OfflineCase> Cases,
    [property: Id(2)] IReadOnlyList<string>? ExtraArgs = null);

/// <summary>One bench_one_batch case: a batch of <see cref="BatchSize"/> prompts of <see cref="InputLen"/> tokens, decoding <see cref="OutputLen"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record OfflineCase(
    [property: Id(0)] int BatchSize,
    [property: Id(1)] int InputLen,
    [property: Id(2)] int OutputLen);
