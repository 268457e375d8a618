using SglangCi.Interfaces.Runs;

namespace SglangCi.Interfaces.Hardware;

/// <summary>
/// One task of one night on one hardware kind, as one row: a benchmark run, a unit-test log, a PD run, an image
/// check or one model's sanity result. A task that ran on several hosts (or again after a failure) is several rows,
/// so nothing that happened that night is hidden behind a "latest wins" rule.
/// </summary>
/// <param name="Task">What ran: the model for runs and sanity, else the kind of check ("Unit tests", …).</param>
/// <param name="Mode">The run mode for benchmark runs; null for the other tasks.</param>
/// <param name="Status">The outcome on the run scale, so every row colours the same way.</param>
/// <param name="Outcome">The outcome in the source's own word (pass, skipped, killed, available …).</param>
/// <param name="Detail">Why or what: a run's failure reason, the unit test's name and count, PD test counts, a sanity basis.</param>
/// <param name="RunId">The run to link to; null for rows that are not runs.</param>
/// <param name="Accuracy">GSM8K accuracy: the run's gate, the sanity check's, the PD test's.</param>
/// <param name="Threshold">What the accuracy had to reach (gate threshold, sanity required accuracy); null when unknown.</param>
/// <param name="SourcePath">The imported file the row came from, relative to the imported tree; null for our own runs.</param>
[GenerateSerializer, Immutable]
public sealed record HardwareTaskRow(
    [property: Id(0)] HardwareTaskGroup Group,
    [property: Id(1)] string Task,
    [property: Id(2)] string? Mode,
    [property: Id(3)] string? Host,
    [property: Id(4)] RunStatus Status,
    [property: Id(5)] string Outcome,
    [property: Id(6)] string? Detail,
    [property: Id(7)] string? RunId,
    [property: Id(8)] string? Image,
    [property: Id(9)] DateTimeOffset? StartedAt,
    [property: Id(10)] double? DurationSeconds,
    [property: Id(11)] double? Accuracy,
    [property: Id(12)] double? Threshold,
    [property: Id(13)] string? SourcePath);
