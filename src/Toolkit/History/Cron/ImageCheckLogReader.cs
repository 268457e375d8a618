using System.Globalization;
using System.Text.RegularExpressions;
using SglangCi.Toolkit.History.Records;
using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.History.Cron;

/// <summary>
/// Reads the nightly image-availability check (<c>docker_image_check.log</c>, lines prefixed <c>[check]</c>): the
/// date checked, then per hardware kind <c>✓ AVAILABLE</c> (with the image on the next line), <c>✗ NOT FOUND</c> or
/// <c>✗ FOUND BUT NOT PULLABLE</c>. The old summary's <c>Missing images:</c> count is not trusted.
/// </summary>
public static partial class ImageCheckLogReader
{
    public static HistoryBatch Read(SeedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var batch = new HistoryBatch();
        DateTimeOffset? checkedAt = null;
        DateOnly? date = null;
        string host = HistoryRun.UnknownHost;
        (string Hardware, string Status, int Line)? pending = null;
        foreach (var line in TextLine.Split(file.Text))
        {
            var t = line.Text.Trim();
            Match m;
            if (checkedAt is null && t.StartsWith("[check] Run Date/Time:", StringComparison.Ordinal) && SeedClock.TryParse(t, out var at))
            {
                checkedAt = at;
            }
            else if (t.StartsWith("[check] Machine:", StringComparison.Ordinal))
            {
                host = t["[check] Machine:".Length..].Trim();
            }
            else if ((m = DatePattern().Match(t)).Success)
            {
                date = DateOnly.ParseExact(m.Groups[1].Value, "yyyyMMdd", CultureInfo.InvariantCulture);
            }
            else if ((m = SearchPattern().Match(t)).Success)
            {
                Flush(null);
                var status = t.Contains("✓ AVAILABLE", StringComparison.Ordinal) ? HistoryImageCheck.Available
                    : t.Contains("NOT PULLABLE", StringComparison.Ordinal) ? HistoryImageCheck.NotPullable
                    : t.Contains("NOT FOUND", StringComparison.Ordinal) ? HistoryImageCheck.Missing
                    : null;
                pending = status is null ? null : (m.Groups[1].Value, status, line.Number);
            }
            else if (pending is not null && (m = ImageLinePattern().Match(t)).Success)
            {
                Flush(m.Groups[1].Value);
            }
        }

        Flush(null);
        if (!file.Text.Contains("[check]", StringComparison.Ordinal))
        {
            // The cron job itself failed to start (e.g. "nightly_image_check.sh: No such file or directory").
            var first = file.Text.Split('\n', 2)[0].Trim();
            batch.Issues.Add(new ImportIssue(file.RelativePath, 1, $"the check did not run: '{SecretRedactor.Redact(first)}'; nothing to import", Rejected: false));
        }
        else if (checkedAt is null || date is null)
        {
            batch.Issues.Add(new ImportIssue(file.RelativePath, null,
                "expected '[check] Run Date/Time: …' and '[check] Checking images for date: yyyyMMdd' lines", Rejected: true));
            batch.ImageChecks.Clear();
        }

        return batch;

        void Flush(string? image)
        {
            if (pending is { } p && checkedAt is { } when && date is { } day)
            {
                batch.ImageChecks.Add(new HistoryImageCheck(when, host, p.Hardware, day, p.Status, image, new SourceRef(file.RelativePath, p.Line)));
            }

            pending = null;
        }
    }

    [GeneratedRegex(@"^\[check\] Checking images for date: (\d{8})", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\[check\] Searching for (\S+) image", RegexOptions.CultureInvariant)]
    private static partial Regex SearchPattern();

    [GeneratedRegex(@"^\[check\]\s+Image: (\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex ImageLinePattern();
}
