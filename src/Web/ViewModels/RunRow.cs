using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels;

/// <summary>One run as a grid row: plain properties the grid can sort on.</summary>
public sealed record RunRow(
    string Id,
    string Preset,
    string Model,
    string Mode,
    string Node,
    string Host,
    string Hardware,
    RunStatus Status,
    string? Reason,
    string? Image,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string Trigger)
{
    public string Link => $"runs/{Uri.EscapeDataString(Id)}";

    public string Started => Formats.ClockTime(StartedAt);

    public string Duration => Formats.Duration(StartedAt, FinishedAt);

    /// <summary>The image's tag (what differs between runs); the registry and repository are in the tooltip.</summary>
    public string? ImageTag => Image is null ? null : Image[(Image.LastIndexOf(':') + 1)..];

    /// <summary>Runs read from the old CI's logs (<c>sglang-ci import</c>) carry the trigger <c>import</c>.</summary>
    public bool IsImported => string.Equals(Trigger, "import", StringComparison.OrdinalIgnoreCase);

    /// <summary>The model, or for a kind that runs none (unit test, housekeeping …) the kind's title.</summary>
    public string Subject => Modes.Subject(Model, Mode);

    /// <summary>The mode worth showing next to the subject: null for plain online, which nearly every run is, and when the subject already names the kind.</summary>
    public string? ModeLabel => Modes.LabelBeside(Model, Mode);

    /// <summary>The host, when it says more than the node name (imported runs are named after their host).</summary>
    public string? HostLabel => string.IsNullOrEmpty(Host) || string.Equals(Host, Node, StringComparison.OrdinalIgnoreCase) ? null : Host;

    public static RunRow From(RunSummary run) => new(
        run.Id, run.Preset, run.Model, run.Mode, run.Node, run.Host, run.Hardware, run.Status, run.Reason, run.Image,
        run.StartedAt, run.FinishedAt, run.Trigger);
}
