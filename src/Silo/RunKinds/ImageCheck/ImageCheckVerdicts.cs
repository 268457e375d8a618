using System.Globalization;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Images;

namespace SglangCi.Silo.RunKinds.ImageCheck;

/// <summary>
/// One night's <see cref="ImageAvailabilityReport"/> as a run's checks, its alert and its outcome: a check
/// <c>image &lt;hardware&gt; &lt;rocm&gt;</c> per expected image (passed with the full image name; failed for a missing
/// required one, a warning for a missing optional one), one alert naming every missing required image (Warning for one,
/// Error for two or more, as the old card), and a failed run naming them.
/// </summary>
public static class ImageCheckVerdicts
{
    public static string CheckName(ExpectedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return $"image {image.Hardware} {image.Rocm}";
    }

    public static RunCheckResult Check(ImageCheckEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var name = CheckName(entry.Expected);
        if (entry.Status == ImageAvailability.Available)
        {
            return new RunCheckResult(name, CheckStatus.Passed, null, null, entry.Image);
        }

        var status = entry.Expected.Required ? CheckStatus.Failed : CheckStatus.Warning;
        return new RunCheckResult(name, status, null, null, Missing(entry) + (entry.Expected.Required ? "" : " (optional)"));
    }

    /// <summary>The alert when a required image is missing; null when every required one is there.</summary>
    public static AlertMessage? Alert(string runId, string node, Uri registry, ImageAvailabilityReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(report);
        var missing = report.Entries.Where(e => e.IsRequiredMissing).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var night = Nights(report);
        var facts = new Dictionary<string, string>
        {
            ["run"] = runId,
            ["node"] = node,
            ["night"] = night,
            ["repository"] = report.Repository.ToString(),
            ["registry"] = registry.AbsoluteUri,
            ["checked"] = report.Checked.ToString(CultureInfo.InvariantCulture),
            ["available"] = report.AvailableCount.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var entry in missing)
        {
            facts[$"missing {entry.Expected.Hardware} {entry.Expected.Rocm}"] = Missing(entry);
        }

        return new AlertMessage(
            // The run's own key: this alert is the failed run's alert, so the end-of-run one after it is not sent twice.
            DedupeKey: runId,
            Title: $"Nightly image missing: {Names(missing)}",
            Severity: report.Level == ImageCheckLevel.Error ? AlertSeverity.Error : AlertSeverity.Warning,
            Text: $"{report.Repository} has no pullable nightly for {night}: {string.Join("; ", missing.Select(e => $"{e.Expected.Hardware} {e.Expected.Rocm}: {Missing(e)}"))}. "
                + "The nightly jobs of that hardware cannot run on tonight's image.",
            Facts: facts,
            CreatedAt: now)
        {
            Kind = AlertCardKind.ImageAvailability,
            Tables = [ImagesTable(report)],
        };
    }

    /// <summary>Every expected image of the night, found or not, so the card shows what is there beside what is missing.</summary>
    private static AlertTable ImagesTable(ImageAvailabilityReport report) => new(
        "Images",
        ["tag", "required", "found"],
        report.Entries
            .Select(e => (IReadOnlyList<string>)[
                $"{e.Expected.Hardware} {e.Expected.Rocm} ({e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})",
                e.Expected.Required ? "yes" : "no",
                e.Status == ImageAvailability.Available ? e.Image ?? "yes" : Missing(e)])
            .ToList());

    /// <summary>Succeeded when every required image is there; else failed, naming the missing ones.</summary>
    public static Grains.Runs.Kinds.RunOutcome Outcome(ImageAvailabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var missing = report.Entries.Where(e => e.IsRequiredMissing).ToList();
        return missing.Count == 0
            ? Grains.Runs.Kinds.RunOutcome.Succeeded
            : Grains.Runs.Kinds.RunOutcome.Failed($"nightly image missing for {Nights(report)}: {string.Join(", ", missing.Select(e => $"{e.Expected.Hardware} {e.Expected.Rocm} ({Missing(e)})"))}");
    }

    private static string Names(IEnumerable<ImageCheckEntry> entries) =>
        string.Join(", ", entries.Select(e => $"{e.Expected.Hardware} {e.Expected.Rocm}"));

    private static string Nights(ImageAvailabilityReport report) =>
        string.Join(", ", report.Dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private static string Missing(ImageCheckEntry entry) => entry.Status switch
    {
        ImageAvailability.NotFound => "not found",
        _ => $"found but not pullable: {entry.Image}{(entry.Detail is { } detail ? $" ({detail})" : "")}",
    };
}
