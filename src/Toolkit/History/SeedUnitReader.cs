using System.Globalization;
using SglangCi.Toolkit.History.Coverage;
using SglangCi.Toolkit.History.Cron;
using SglangCi.Toolkit.History.Online;
using SglangCi.Toolkit.History.Pd;
using SglangCi.Toolkit.History.Records;
using SglangCi.Toolkit.History.Sanity;
using SglangCi.Toolkit.History.UnitTests;
using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.History;

/// <summary>
/// Reads one unit of the old tree into a batch. A malformed file rejects its whole unit (a result folder is
/// imported completely or not at all) with the file, line and what was expected; nothing of it is written.
/// </summary>
public static class SeedUnitReader
{
    public static HistoryBatch Read(SeedUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        try
        {
            var files = unit.ReadFiles();
            return unit.Kind switch
            {
                SeedUnitKind.OnlineFolder => OnlineFolderReader.Read(unit.RelativePath, files),
                SeedUnitKind.BenchmarkCronLog => CronJobLogReader.Read(files[0]),
                SeedUnitKind.ImageCheckLog => ImageCheckLogReader.Read(files[0]),
                SeedUnitKind.SanityFolder => SanityFolderReader.Read(unit.RelativePath, files),
                SeedUnitKind.PdFolder => PdFolderReader.Read(unit.RelativePath, files),
                SeedUnitKind.UnitTestLog => UnitTestLog(files[0]),
                SeedUnitKind.CoverageReport => Coverage(files[0]),
                _ => Unsupported(unit),
            };
        }
        catch (OutputParseException e)
        {
            return Rejected(new ImportIssue(e.File, e.Line, "expected " + e.Expected, Rejected: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Rejected(new ImportIssue(unit.RelativePath, null, "could not be read: " + e.Message, Rejected: true));
        }
    }

    private static HistoryBatch UnitTestLog(SeedFile file)
    {
        var batch = new HistoryBatch();
        if (!ImageTag.TryParse(file.Name, out var tag))
        {
            batch.Issues.Add(new ImportIssue(file.RelativePath, null, "the file name is not '<image tag>.log'", Rejected: true));
            return batch;
        }

        batch.UnitTests.Add(UnitTestLogParser.Parse(file.Text, file.RelativePath, tag));
        return batch;
    }

    private static HistoryBatch Coverage(SeedFile file)
    {
        var batch = new HistoryBatch();
        var stamp = Path.GetFileNameWithoutExtension(file.Name).Split('_')[^1];
        if (!DateOnly.TryParseExact(stamp, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            batch.Issues.Add(new ImportIssue(file.RelativePath, null, "the file name is not 'sglang_ci_report_yyyyMMdd.csv'", Rejected: true));
            return batch;
        }

        batch.CoverageReports.Add(CoverageReportParser.Parse(file.Text, file.RelativePath, date));
        return batch;
    }

    private static HistoryBatch Unsupported(SeedUnit unit) =>
        Rejected(new ImportIssue(unit.RelativePath, null, $"no reader for {unit.Kind}", Rejected: true));

    private static HistoryBatch Rejected(ImportIssue issue)
    {
        var batch = new HistoryBatch();
        batch.Issues.Add(issue);
        return batch;
    }
}
