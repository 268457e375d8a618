namespace SglangCi.Interfaces.Runs;

/// <summary>What to run: a preset on a node in a mode, on an image.</summary>
/// <param name="Image">Engine image tag; null lets the node's runtime use its default (the simulator's own).</param>
/// <param name="ImageDate">The nightly date the image stands for (from its tag); defaults to today in UTC.</param>
/// <param name="Trigger">Who asked: <c>cli</c>, <c>schedule:NAME</c>, <c>first-start</c>, ...</param>
[GenerateSerializer, Immutable]
public sealed record RunRequest(
    [property: Id(0)] string PresetName,
    [property: Id(1)] string NodeName,
    [property: Id(2)] RunMode Mode,
    [property: Id(3)] string? Image,
    [property: Id(4)] DateOnly? ImageDate,
    [property: Id(5)] string Trigger);

[GenerateSerializer]
public enum RunMode
{
    Online = 0,

    /// <summary><c>python -m sglang.bench_one_batch</c> inside the engine's environment: no server, no GSM8K gate.</summary>
    Offline = 1,
}
