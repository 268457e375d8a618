using SglangCi.Toolkit.History.Records;

namespace SglangCi.Toolkit.History.Sanity;

/// <summary>
/// Turns one sanity folder (<c>test/sanity_check_log/&lt;hw&gt;/&lt;tag&gt;/</c>) into its summaries (every attempt of
/// every model, kept) and the decided result per host and model. An empty summary (the job died before writing) is
/// reported and skipped; any other malformed summary rejects the folder.
/// </summary>
public static class SanityFolderReader
{
    public static HistoryBatch Read(string folderPath, IReadOnlyList<SeedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var batch = new HistoryBatch();
        var folderName = folderPath[(folderPath.LastIndexOf('/') + 1)..];
        if (!ImageTag.TryParse(folderName, out var tag))
        {
            batch.Issues.Add(new ImportIssue(folderPath, null, "the folder name is not an image tag; its meaning is unclear, left out", Rejected: false));
            return batch;
        }

        foreach (var file in files.Where(f => f.Name.StartsWith("timing_summary_", StringComparison.Ordinal)).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(file.Text))
            {
                batch.Issues.Add(new ImportIssue(file.RelativePath, null, "empty: the sanity job died before writing its summary; skipped", Rejected: false));
                continue;
            }

            batch.SanitySummaries.Add(SanitySummaryParser.Parse(file.Text, file.RelativePath, tag));
        }

        // Latest first; the file name's stamp orders summaries whose header lacks a start time.
        var newestFirst = batch.SanitySummaries
            .OrderByDescending(s => s.StartedAt ?? DateTimeOffset.MinValue)
            .ThenByDescending(s => s.Source.Path, StringComparer.Ordinal)
            .ToList();
        foreach (var host in newestFirst.Select(HostOf).Distinct(StringComparer.Ordinal))
        {
            var decided = new HashSet<string>(StringComparer.Ordinal);
            foreach (var summary in newestFirst.Where(s => HostOf(s) == host))
            {
                foreach (var verdict in summary.Verdicts().Where(v => decided.Add(v.Model)))
                {
                    var attempt = summary.Attempts.LastOrDefault(a => a.Model == verdict.Model);
                    batch.SanityResults.Add(new HistorySanityResult(
                        summary.Image.Hardware, host, summary.Image, verdict.Model, verdict.Outcome, verdict.Basis,
                        attempt?.ReportedAccuracy, attempt?.RequiredAccuracy, attempt?.AccuracyRule, summary.StartedAt, verdict.Source));
                }
            }
        }

        return batch;
    }

    private static string HostOf(SanitySummary summary) => summary.Machine ?? HistoryRun.UnknownHost;
}
