using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels;

/// <summary>One run as a grid row: plain properties the grid can sort on.</summary>
public sealed record RunRow(
    string Id,
    string Preset,
    string Model,
    string Node,
    string Hardware,
    RunStatus Status,
    string? Reason,
    string? Image,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public string Link => $"runs/{Uri.EscapeDataString(Id)}";

    public string Started => Formats.ClockTime(StartedAt);

    public string Duration => Formats.Duration(StartedAt, FinishedAt);

    public static RunRow From(RunSummary run) => new(
        run.Id, run.Preset, run.Model, run.Node, run.Hardware, run.Status, run.Reason, run.Image, run.StartedAt, run.FinishedAt);
}
