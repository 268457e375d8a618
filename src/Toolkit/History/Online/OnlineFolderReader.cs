using System.Globalization;
using SglangCi.Toolkit.History.Records;
using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.TimingSummary;

namespace SglangCi.Toolkit.History.Online;

/// <summary>
/// Turns one old online result folder into runs and their measurements. Each <c>timing_summary_*.log</c> is one
/// invocation (reruns and retries add files to the same folder); client logs go to the latest invocation that
/// started before them; the GSM8K log and the CSV, which every invocation rewrote, belong to the latest one. A
/// folder without any timing summary gets one invocation, started when its first client log did.
/// </summary>
public static class OnlineFolderReader
{
    public static HistoryBatch Read(string folderPath, IReadOnlyList<SeedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var batch = new HistoryBatch();
        var folderName = folderPath[(folderPath.LastIndexOf('/') + 1)..];
        if (!OnlineRunFolder.TryParse(folderName, out var folder))
        {
            batch.Issues.Add(new ImportIssue(folderPath, null,
                "not a result folder '<tag>_<MODEL>_<variant>_online[_suffix]' (a backup or ad-hoc test folder?); its meaning is unclear, left out", Rejected: false));
            return batch;
        }

        var invocations = ReadInvocations(folder, files, batch);
        var clientLogs = ReadClientLogs(files, batch);
        if (invocations.Count == 0)
        {
            // No timing summary: the invocation starts with its first client log, else with its GSM8K gate; a folder
            // with neither (before late Oct 2025 many hold only a plot log) has nothing measured to import.
            var started = clientLogs.Count > 0 ? clientLogs.Select(l => LogTime(l.Name, l.Log)).Min() : GateStart(files);
            if (started is null)
            {
                return batch;
            }

            invocations.Add(new Invocation(OrphanRun(folder, folderPath, started.Value, files)));
        }

        invocations.Sort((a, b) => a.Run.InvokedAt.CompareTo(b.Run.InvokedAt));
        foreach (var (name, log, source) in clientLogs)
        {
            var at = LogTime(name, log);
            var owner = invocations.LastOrDefault(i => i.Run.InvokedAt <= at) ?? invocations[0];
            owner.Points.Add(new HistoryClientPoint(owner.Run.Id, name.LoadKind, name.Load, name.Repetition, log.Result!, log.PromptCount, log.RunCompleted, source));
            if (log.CompletedAt is { } done && (owner.LastCompleted is null || done > owner.LastCompleted))
            {
                owner.LastCompleted = done;
            }
        }

        var latest = invocations[^1];
        HistoryGate? gate = null;
        foreach (var file in files.Where(IsGateLog))
        {
            gate = GateLogParser.Parse(file.Text, file.RelativePath, latest.Run.Id);
            batch.Gates.Add(gate);
        }

        foreach (var file in files.Where(f => f.Name.EndsWith(".csv", StringComparison.Ordinal)))
        {
            ReadCsv(file, invocations, batch);
        }

        foreach (var invocation in invocations)
        {
            var run = invocation.Run with { FinishedAt = invocation.Run.FinishedAt ?? invocation.LastCompleted };
            var ownGate = ReferenceEquals(invocation, latest) ? gate : null;
            var (status, reason) = Outcome(ownGate, invocation.Points.Count + invocation.MedianCount + CsvCount(batch, run.Id));
            batch.Runs.Add(run with { Status = status, Reason = reason });
            batch.ClientPoints.AddRange(invocation.Points);
        }

        return batch;
    }

    private static int CsvCount(HistoryBatch batch, string runId) => batch.MedianPoints.Count(p => p.RunId == runId);

    private static (string Status, string? Reason) Outcome(HistoryGate? gate, int points) => gate?.Outcome switch
    {
        HistoryGate.BelowThreshold => (HistoryRun.Failed, string.Create(CultureInfo.InvariantCulture, $"GSM8K {gate.Accuracy:0.###} below threshold {gate.Threshold:0.###}")),
        HistoryGate.NoResult => (HistoryRun.Failed, "no GSM8K result: the server died before or while gating"),
        _ when points == 0 => (HistoryRun.Failed, "no benchmark result"),
        _ => (HistoryRun.Succeeded, null),
    };

    private static List<Invocation> ReadInvocations(OnlineRunFolder folder, IReadOnlyList<SeedFile> files, HistoryBatch batch)
    {
        var invocations = new List<Invocation>();
        foreach (var file in files.Where(f => f.Name.StartsWith("timing_summary_", StringComparison.Ordinal)))
        {
            var header = OnlineTimingHeader.Parse(file.Text);
            var started = header.StartedAt ?? StampOf(file.Name);
            if (started is null)
            {
                batch.Issues.Add(new ImportIssue(file.RelativePath, 1, "expected 'Script started at: yyyy-MM-dd HH:mm:ss ZONE' or a timing_summary_yyyyMMdd_HHmmss.log name", Rejected: true));
                continue;
            }

            if (header.Image is not null && ImageTag.TryParse(header.Image, out var tag) && tag.Tag != folder.Image.Tag)
            {
                batch.Issues.Add(new ImportIssue(file.RelativePath, null, $"its image {tag.Tag} differs from the folder's {folder.Image.Tag}; the summary's image was used", Rejected: false));
            }

            var image = header.Image is not null && ImageTag.TryParse(header.Image, out var own) ? own : folder.Image;
            var run = new HistoryRun
            {
                Hardware = image.Hardware,
                Host = header.Host ?? HistoryRun.UnknownHost,
                Model = SeedModelNames.Resolve(folder.Model, header.ModelPath),
                Mode = folder.Mode,
                Image = image,
                InvokedAt = started.Value,
                FinishedAt = header.EndedAt,
                SourcePath = file.RelativePath,
            };
            var invocation = new Invocation(run);
            var summary = TimingSummaryParser.Read(file.Text);
            foreach (var point in summary.Points)
            {
                var (kind, load) = LoadOf(point.Load);
                batch.MedianPoints.Add(new HistoryMedianPoint(run.Id, HistoryMedianPoint.FromTimingSummary, kind, load, point.E2eMs, point.TtftMs, point.ItlMs,
                    new SourceRef(file.RelativePath, point.Line)));
                invocation.MedianCount++;
            }

            invocations.Add(invocation);
        }

        return invocations;
    }

    private static List<(ClientLogName Name, ClientLog Log, SourceRef Source)> ReadClientLogs(IReadOnlyList<SeedFile> files, HistoryBatch batch)
    {
        var logs = new List<(ClientLogName, ClientLog, SourceRef)>();
        foreach (var file in files)
        {
            if (!ClientLogName.TryParse(file.Name, out var name))
            {
                continue;
            }

            var log = ClientLog.Parse(file.Text, file.RelativePath);
            if (log.Result is null)
            {
                batch.Issues.Add(new ImportIssue(file.RelativePath, null, "no 'Serving Benchmark Result' block: the run was aborted before it finished; no point stored", Rejected: false));
                continue;
            }

            logs.Add((name, log, new SourceRef(file.RelativePath, log.Result.Line)));
        }

        return logs;
    }

    private static HistoryRun OrphanRun(OnlineRunFolder folder, string folderPath, DateTimeOffset started, IReadOnlyList<SeedFile> files)
    {
        var host = files.Where(f => f.Name.EndsWith(".csv", StringComparison.Ordinal))
            .SelectMany(SafeCsvHosts)
            .FirstOrDefault() ?? HistoryRun.UnknownHost;
        return new HistoryRun
        {
            Hardware = folder.Image.Hardware,
            Host = host,
            Model = folder.Model,
            Mode = folder.Mode,
            Image = folder.Image,
            InvokedAt = started,
            SourcePath = folderPath,
        };
    }

    /// <summary>When the folder's GSM8K gate started (<c>Starting GSM8K accuracy test at: …</c>), if it says.</summary>
    private static DateTimeOffset? GateStart(IReadOnlyList<SeedFile> files)
    {
        foreach (var file in files.Where(IsGateLog))
        {
            foreach (var line in file.Text.Split('\n'))
            {
                if (line.StartsWith("Starting GSM8K accuracy test at:", StringComparison.Ordinal) && SeedClock.TryParse(line, out var at))
                {
                    return at;
                }
            }
        }

        return null;
    }

    private static bool IsGateLog(SeedFile file) =>
        file.Name.Contains("gsm8k", StringComparison.OrdinalIgnoreCase) && file.Name.EndsWith(".log", StringComparison.Ordinal);

    private static IEnumerable<string> SafeCsvHosts(SeedFile file)
    {
        try
        {
            return ServingCsvParser.Parse(file.Text, file.RelativePath, string.Empty).Select(r => r.Host).OfType<string>().ToList();
        }
        catch (OutputParseException)
        {
            return [];
        }
    }

    private static void ReadCsv(SeedFile file, List<Invocation> invocations, HistoryBatch batch)
    {
        var latest = invocations[^1];
        IReadOnlyList<ServingCsvParser.Row> rows;
        try
        {
            rows = ServingCsvParser.Parse(file.Text, file.RelativePath, latest.Run.Id);
        }
        catch (OutputParseException e)
        {
            batch.Issues.Add(new ImportIssue(file.RelativePath, e.Line, "expected " + e.Expected, Rejected: true));
            return;
        }

        foreach (var row in rows)
        {
            // A Grok row names its host: it belongs to that host's latest invocation (two hosts wrote into one folder).
            var owner = row.Host is null ? latest : invocations.LastOrDefault(i => i.Run.Host == row.Host);
            if (owner is null)
            {
                batch.Issues.Add(new ImportIssue(file.RelativePath, row.Points.FirstOrDefault()?.Source.Line,
                    $"row '{row.Label}' names host {row.Host}, but no invocation in this folder ran there; left out", Rejected: false));
                continue;
            }

            batch.MedianPoints.AddRange(row.Points.Select(p => p with { RunId = owner.Run.Id }));
        }
    }

    private static DateTimeOffset LogTime(ClientLogName name, ClientLog log)
    {
        if (log.StartedAt is { } started)
        {
            return started;
        }

        var local = DateTime.ParseExact(name.Stamp, "yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, SeedClock.PacificOffset(local));
    }

    private static DateTimeOffset? StampOf(string fileName)
    {
        var stamp = fileName.Replace("timing_summary_", string.Empty, StringComparison.Ordinal).Replace(".log", string.Empty, StringComparison.Ordinal);
        if (!DateTime.TryParseExact(stamp, "yyyyMMdd_HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        return new DateTimeOffset(local, SeedClock.PacificOffset(local));
    }

    private static (string Kind, double Load) LoadOf(string label)
    {
        var kind = label.StartsWith("Concurrency", StringComparison.Ordinal) ? ClientLogName.Concurrency : ClientLogName.Rate;
        return (kind, double.Parse(label[(label.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private sealed class Invocation(HistoryRun run)
    {
        public HistoryRun Run { get; } = run;
        public List<HistoryClientPoint> Points { get; } = [];
        public int MedianCount { get; set; }
        public DateTimeOffset? LastCompleted { get; set; }
    }
}
