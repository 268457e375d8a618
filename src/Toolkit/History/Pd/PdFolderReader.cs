using SglangCi.Toolkit.History.Records;

namespace SglangCi.Toolkit.History.Pd;

/// <summary>
/// Reads one PD folder (<c>test/pd/pd_log/&lt;hw&gt;/&lt;tag&gt;[_rerun…]/</c>) by its <c>test_summary.txt</c>, which the old
/// script rewrote after each step (so a crashed run still left one, with PENDING tests). The folder name, with its
/// rerun suffix, identifies the run.
/// </summary>
public static class PdFolderReader
{
    public const string SummaryFile = "test_summary.txt";

    public static HistoryBatch Read(string folderPath, IReadOnlyList<SeedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var batch = new HistoryBatch();
        var label = folderPath[(folderPath.LastIndexOf('/') + 1)..];
        var summary = files.FirstOrDefault(f => f.Name == SummaryFile);
        if (summary is null)
        {
            batch.Issues.Add(new ImportIssue(folderPath, null, $"no {SummaryFile}: the PD job left nothing to read; skipped", Rejected: false));
            return batch;
        }

        var parsed = PdTestSummaryParser.Parse(summary.Text, summary.RelativePath);
        if (parsed.DockerTag is null && !ImageTag.TryParse(label, out _))
        {
            batch.Issues.Add(new ImportIssue(summary.RelativePath, null, "neither the summary nor the folder name gives an image tag; its meaning is unclear, left out", Rejected: false));
            return batch;
        }

        batch.PdTests.Add((label, parsed));
        return batch;
    }
}
