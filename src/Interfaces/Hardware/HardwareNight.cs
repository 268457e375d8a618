namespace SglangCi.Interfaces.Hardware;

/// <summary>
/// Everything that ran on one hardware kind for one image date: benchmark runs, validation checks and sanity
/// results, ordered by group, task, host and start time.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HardwareNight(
    [property: Id(0)] string Hardware,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] IReadOnlyList<HardwareTaskRow> Rows);
