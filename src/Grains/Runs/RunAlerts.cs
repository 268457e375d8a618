using System.Globalization;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Grains.Runs;

/// <summary>The alert a failed or skipped run sends; keyed by run id so a retried hand-off is sent once.</summary>
public static class RunAlerts
{
    public static AlertMessage For(RunSummary run, DateTimeOffset now)
    {
        var severity = run.Status == RunStatus.Failed ? AlertSeverity.Error : AlertSeverity.Warning;
        var verdict = run.Status == RunStatus.Skipped ? "skipped" : "failed";
        var facts = new Dictionary<string, string>
        {
            ["run"] = run.Id,
            ["preset"] = $"{run.Preset} v{run.PresetVersion.ToString(CultureInfo.InvariantCulture)}",
            ["model"] = run.Model,
            ["node"] = run.Node,
            ["hardware"] = run.Hardware,
            ["image"] = run.Image ?? "",
            ["imageDate"] = run.ImageDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ["phase"] = run.Phase.ToWireName(),
            ["trigger"] = run.Trigger,
        };
        return new AlertMessage(
            DedupeKey: run.Id,
            Title: $"{run.Preset} on {run.Node} {verdict}",
            Severity: severity,
            Text: run.Reason ?? verdict,
            Facts: facts,
            CreatedAt: now);
    }
}
