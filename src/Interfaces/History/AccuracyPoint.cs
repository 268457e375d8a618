namespace SglangCi.Interfaces.History;

/// <summary>One run's GSM8K gate in an accuracy series (hardware, host, model, mode): its night, image, threshold and
/// every trial's accuracy (0..1).</summary>
[GenerateSerializer, Immutable]
public sealed record AccuracyPoint(
    [property: Id(0)] string Hardware,
    [property: Id(1)] string Host,
    [property: Id(2)] string Model,
    [property: Id(3)] string Mode,
    [property: Id(4)] DateOnly ImageDate,
    [property: Id(5)] string? Image,
    [property: Id(6)] string RunId,
    [property: Id(7)] double Threshold,
    [property: Id(8)] IReadOnlyList<double> Trials);
