using System.Globalization;
using System.Text.RegularExpressions;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>The alert a failed or skipped run sends; keyed by run id so a retried hand-off is sent once.</summary>
public static partial class RunAlerts
{
    /// <summary>In a run's reason: it got no GPUs because GPUs stayed busy with work that is not ours (see <see cref="GpusBusyReason"/>).</summary>
    public const string GpusBusyMarker = "GPUs stayed busy with work that is not ours";

    /// <summary>The <c>cause</c> fact of the alert for <see cref="GpusBusyMarker"/>.</summary>
    public const string GpusBusyCause = "gpus-busy-not-ours";

    public static AlertMessage For(RunSummary run, DateTimeOffset now)
    {
        var severity = run.Status == RunStatus.Failed ? AlertSeverity.Error : AlertSeverity.Warning;
        var verdict = run.Status == RunStatus.Skipped ? "skipped" : "failed";
        // Runs of a kind that runs no model (image check, housekeeping …) have no preset: they go by their kind.
        var subject = string.IsNullOrEmpty(run.Preset) ? run.Mode : run.Preset;
        var facts = new Dictionary<string, string>
        {
            ["run"] = run.Id,
            ["model"] = run.Model,
            ["node"] = run.Node,
            ["hardware"] = run.Hardware,
            ["image"] = run.Image ?? "",
            ["imageDate"] = run.ImageDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ["phase"] = run.Phase.ToWireName(),
            ["trigger"] = run.Trigger,
        };
        if (!string.IsNullOrEmpty(run.Preset))
        {
            facts["preset"] = $"{run.Preset} v{run.PresetVersion.ToString(CultureInfo.InvariantCulture)}";
        }

        var title = $"{subject} on {run.Node} {verdict}";
        var text = run.Reason ?? verdict;
        if (run.Status == RunStatus.Failed && run.Reason is { } reason && GpusBusyPattern().Match(reason) is { Success: true } busy)
        {
            var gpus = string.Join(",", GpuIndexPattern().Matches(busy.Groups["busy"].Value).Select(m => m.Groups[1].Value).Distinct());
            facts["cause"] = GpusBusyCause;
            facts["waited"] = busy.Groups["waited"].Value;
            facts["busyGpus"] = gpus;
            facts["busy"] = busy.Groups["busy"].Value;
            title = $"{subject} on {run.Node} failed: GPUs {gpus} busy with work that is not ours";
            text = $"{reason}. Nothing was stopped: the work on those GPUs is not ours.";
        }

        return new AlertMessage(
            DedupeKey: run.Id,
            Title: title,
            Severity: severity,
            Text: text,
            Facts: facts,
            CreatedAt: now)
        {
            Kind = CardKindOf(run.Mode),
        };
    }

    /// <summary>The card a run's alert is shown as, by its stored mode; kinds without a card of their own get the plain run card.</summary>
    public static AlertCardKind CardKindOf(string? storedMode) => RunModes.KindOfStored(storedMode) switch
    {
        RunMode.Sanity => AlertCardKind.SanityCheck,
        RunMode.UnitTest or RunMode.PdDisaggregation or RunMode.UpstreamTest => AlertCardKind.UnitPdTest,
        RunMode.ImageCheck => AlertCardKind.ImageAvailability,
        RunMode.Housekeeping => AlertCardKind.Housekeeping,
        RunMode.DailySummary => AlertCardKind.DailySummary,
        _ => AlertCardKind.Run,
    };

    /// <summary>
    /// The failure reason of a run whose lease timed out while GPUs no lease of ours holds stayed in use, e.g.
    /// <c>no GPUs within 12:00:00: GPUs stayed busy with work that is not ours on node 'mi35x-1' (waited 12:00:01): GPU 0 busy (compute 87% &gt; 15%, VRAM 60% &gt; 15%, processes: python3 (pid 4242))</c>.
    /// </summary>
    public static string GpusBusyReason(TimeSpan maxQueueWait, string node, TimeSpan waited, IReadOnlyList<BusyGpu> busy)
    {
        ArgumentNullException.ThrowIfNull(busy);
        var rounded = TimeSpan.FromSeconds(Math.Round(Math.Max(0, waited.TotalSeconds)));
        return $"no GPUs within {maxQueueWait:c}: {GpusBusyMarker} on node '{node}' (waited {rounded:c}): {string.Join("; ", busy.Select(b => b.Reason))}";
    }

    [GeneratedRegex(@"^no GPUs within \S+: GPUs stayed busy with work that is not ours on node '[^']*' \(waited (?<waited>[^)]+)\): (?<busy>.+)$", RegexOptions.Singleline)]
    private static partial Regex GpusBusyPattern();

    [GeneratedRegex(@"\bGPU (\d+) ")]
    private static partial Regex GpuIndexPattern();
}
