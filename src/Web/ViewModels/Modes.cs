using SglangCi.Grains.Reports;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels;

/// <summary>
/// How a run mode reads. Our runs store a kind's wire name (<c>online</c>, <c>unit-test</c>, <c>pd</c> …), variant
/// presets <c>online_&lt;suffix&gt;</c>, imported ones the old CI's suffixes (<c>online_dp_attention</c>,
/// <c>online_mtp_test</c> …). A kind reads as its title ("Unit test", "PD disaggregation"); an online variant or an
/// imported mode stays lower case as stored, because those names are the series people know; plain online is left unsaid.
/// </summary>
public static class Modes
{
    public const string Online = "online";

    public static string Display(string? mode) => ReportText.Mode(mode);

    /// <summary>The mode as a label beside the model; null for plain online.</summary>
    public static string? Label(string? mode) =>
        string.IsNullOrWhiteSpace(mode) || string.Equals(mode, Online, StringComparison.OrdinalIgnoreCase) ? null : Title(mode);

    /// <summary>The kind's title for a kind's wire name, else the mode as stored (lower case).</summary>
    public static string Title(string? mode) => RunModes.TryParse(mode, out var kind) ? Title(kind) : Display(mode);

    public static string Title(RunMode kind) => kind switch
    {
        RunMode.Online => "Online",
        RunMode.Offline => "Offline",
        RunMode.Sanity => "Sanity check",
        RunMode.UnitTest => "Unit test",
        RunMode.PdDisaggregation => "PD disaggregation",
        RunMode.ModelDownload => "Model download",
        RunMode.Housekeeping => "Housekeeping",
        RunMode.DailySummary => "Daily summary",
        RunMode.ImageCheck => "Image check",
        RunMode.UpstreamTest => "Upstream test",
        RunMode.PrImage => "PR image",
        RunMode.UpstreamCoverage => "Upstream coverage",
        _ => kind.WireName(),
    };

    /// <summary>The kind a stored mode names: its wire name, or <c>online_&lt;suffix&gt;</c> for an online variant; null for none.</summary>
    public static RunMode? KindOf(string? mode) => RunModes.KindOfStored(mode);

    /// <summary>True for kinds that run no model (unit test, housekeeping …): their stored model is only the kind's wire name.</summary>
    public static bool NamesNoModel(string? mode) => KindOf(mode) is { } kind && !kind.NeedsPreset();

    /// <summary>What a run ran, as a reader names it: the model, or the kind's title for a kind that runs none.</summary>
    public static string Subject(string? model, string? mode) =>
        NamesNoModel(mode) || string.IsNullOrWhiteSpace(model) ? Title(mode) : model;

    /// <summary>The label beside <see cref="Subject"/>: the mode's, unless the subject already is the kind's title.</summary>
    public static string? LabelBeside(string? model, string? mode) =>
        NamesNoModel(mode) || string.IsNullOrWhiteSpace(model) ? null : Label(mode);
}
