using SglangCi.Interfaces.Hardware;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Web.ViewModels.Hardware;

/// <summary>
/// One of the hardware page's four sections: its rows, what it holds and what to do when it is empty (an empty section
/// should say why a task is missing, not just show nothing).
/// </summary>
public sealed record HardwareSection(HardwareTaskGroup Group, string Title, string About, string EmptyText, IReadOnlyList<HardwareTaskRow> Rows)
{
    public int Passed => Rows.Count(r => r.Status == RunStatus.Succeeded);

    public int Failed => Rows.Count(r => r.Status is RunStatus.Failed);

    public int Skipped => Rows.Count(r => r.Status is RunStatus.Skipped);

    /// <summary>The section's anchor on the page (<c>#performance</c> …).</summary>
    public string Anchor => Group.ToString().ToLowerInvariant();

    /// <summary>The four sections in page order, each with its rows of the night (possibly none).</summary>
    public static IReadOnlyList<HardwareSection> Of(HardwareNight night)
    {
        ArgumentNullException.ThrowIfNull(night);
        IReadOnlyList<HardwareTaskRow> RowsOf(HardwareTaskGroup group) => night.Rows.Where(r => r.Group == group).ToList();
        return
        [
            new(HardwareTaskGroup.Performance, "Performance benchmarks",
                "Plain online and offline runs, one per model and invocation: the GSM8K gate, then the load sweep or the batch cases.",
                "No online benchmark ran on this image. Start one with sglang-ci run --preset … --node …, or import the old CI's logs.",
                RowsOf(HardwareTaskGroup.Performance)),
            new(HardwareTaskGroup.Integration, "Integration tests",
                "The same models under engine variants: DP attention, torch.compile, MTP and their combinations.",
                "No variant (dp_attention, torch_compile, mtp …) ran on this image.",
                RowsOf(HardwareTaskGroup.Integration)),
            new(HardwareTaskGroup.Validation, "Validation",
                "Unit tests, PD disaggregation tests, the nightly image check, model downloads, housekeeping and the daily summary, each with its own outcome and log.",
                "No unit test, PD test, image check or other node job ran on this image (nor was one imported from the old CI's test logs).",
                RowsOf(HardwareTaskGroup.Validation)),
            new(HardwareTaskGroup.Sanity, "Sanity",
                "One GSM8K accuracy check per model and host (the mean of its trials), against the accuracy it requires.",
                "No sanity check ran on this image (nor was one imported from the old CI's sanity logs).",
                RowsOf(HardwareTaskGroup.Sanity)),
        ];
    }
}
