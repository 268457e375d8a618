namespace SglangCi.Interfaces.Runs;

/// <summary>What to run: a job of some kind (a preset's benchmark, a sanity check, a unit test, …) on a node, on an image.</summary>
/// <param name="PresetName">The model preset; empty for kinds that run no model (<see cref="RunModes.NeedsPreset"/>).</param>
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
    [property: Id(5)] string Trigger)
{
    /// <summary>The job's own settings (sanity trials, a unit test's command, …); null: the kind's defaults.</summary>
    [Id(6)]
    public RunOptions? Options { get; init; }

    /// <summary>The schedule (and job) that asked for the run, e.g. <c>mi30x-nightly/grok1-int4-online</c>: how a night's status
    /// per job and the "yesterday" rule find a job's earlier runs. Null for a run started by hand.</summary>
    [Id(7)]
    public string? JobKey { get; init; }

    /// <summary>The outcome, decided before the run (a schedule's image rule: nothing new to test, or no image to test
    /// on): the run is stored and ended at once with it, holding no GPUs and running nothing. Null: run it.</summary>
    [Id(8)]
    public RunVerdict? Verdict { get; init; }
}

/// <summary>A run's end decided without running it; <paramref name="Status"/> is terminal (skipped or failed).</summary>
[GenerateSerializer, Immutable]
public sealed record RunVerdict(
    [property: Id(0)] RunStatus Status,
    [property: Id(1)] string Reason);
