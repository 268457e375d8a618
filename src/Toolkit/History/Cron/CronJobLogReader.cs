using System.Globalization;
using System.Text.RegularExpressions;
using SglangCi.Toolkit.History.Online;
using SglangCi.Toolkit.History.Records;
using SglangCi.Toolkit.Parsing;

namespace SglangCi.Toolkit.History.Cron;

/// <summary>
/// Reads a benchmark job's cron log, the fallback for nights whose result folder was never uploaded: each
/// <c>[online] Script started at:</c> is an invocation (the same stamp its timing summary carries, so both land on
/// one run), on the image of the last <c>[nightly] Using Docker image:</c> line, on the <c>[nightly] Machine:</c>
/// host; its <c>[online] Updating CSV for rate|concurrency N: E2E=…ms, TTFT=…ms, ITL=…ms</c> lines are its medians
/// (the throughput field there was broken and is ignored); its last <c>Run completed at:</c> is when it finished.
/// Model and mode come from the result folder the log names, else from the job's name.
/// </summary>
public static partial class CronJobLogReader
{
    public static HistoryBatch Read(SeedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var batch = new HistoryBatch();
        var job = CronJobNames.BenchmarkJob(file.Name);
        if (job is null)
        {
            return batch;
        }

        string? host = null, image = null, modelNameFlag = null, modelPath = null;
        Segment? current = null;
        var segments = new List<Segment>();
        foreach (var line in TextLine.Split(file.Text))
        {
            var t = line.Text.Trim();
            Match m;
            if (host is null && (m = MachinePattern().Match(t)).Success)
            {
                host = m.Groups[1].Value;
            }
            else if (t.StartsWith("[nightly] Command:", StringComparison.Ordinal))
            {
                modelNameFlag ??= ModelNameFlagPattern().Match(t) is { Success: true } name ? name.Groups[1].Value : null;
                modelPath ??= ModelPathFlagPattern().Match(t) is { Success: true } path ? path.Groups[1].Value : null;
            }
            else if ((m = ImagePattern().Match(t)).Success)
            {
                image = m.Groups[1].Value;
            }
            else if (t.StartsWith("[online] Script started at:", StringComparison.Ordinal) && SeedClock.TryParse(t, out var started))
            {
                current = new Segment(started, image, line.Number);
                segments.Add(current);
            }
            else if (current is not null && t.StartsWith("Run completed at:", StringComparison.Ordinal) && SeedClock.TryParse(t, out var completed))
            {
                current.LastCompleted = completed;
            }
            else if (current is not null && (m = UpdatingPattern().Match(t)).Success)
            {
                current.Points.Add((m.Groups["kind"].Value == "rate" ? ClientLogName.Rate : ClientLogName.Concurrency,
                    Number(m.Groups["load"].Value), Number(m.Groups["e2e"].Value), Number(m.Groups["ttft"].Value), Number(m.Groups["itl"].Value), line.Number));
            }
            else if (current is not null && (m = FolderPattern().Match(t)).Success && OnlineRunFolder.TryParse(m.Groups[1].Value, out var folder))
            {
                current.Folders.Add(folder);
            }
        }

        foreach (var segment in segments)
        {
            if (!ImageTag.TryParse(segment.Image, out var tag))
            {
                batch.Issues.Add(new ImportIssue(file.RelativePath, segment.Line, "an invocation without a '[nightly] Using Docker image:' line before it; left out", Rejected: false));
                continue;
            }

            // The most specific folder on this image names the variant (a DP-attention job also mentions the base folder).
            var named = segment.Folders.Where(f => f.Image.Tag == tag.Tag).OrderByDescending(f => f.Mode.Length).FirstOrDefault();
            var folderModel = named?.Model ?? job.Value.Model;
            if (folderModel is null)
            {
                batch.Issues.Add(new ImportIssue(file.RelativePath, segment.Line, "the log names no result folder, so the model of this DeepSeek job is unclear; left out", Rejected: false));
                continue;
            }

            var run = new HistoryRun
            {
                Hardware = tag.Hardware,
                Host = host ?? HistoryRun.UnknownHost,
                Model = SeedModelNames.Resolve(folderModel, modelPath, modelNameFlag),
                Mode = named?.Mode ?? job.Value.Mode,
                Image = tag,
                InvokedAt = segment.StartedAt,
                FinishedAt = segment.LastCompleted,
                SourcePath = file.RelativePath,
                Status = segment.Points.Count > 0 ? HistoryRun.Succeeded : HistoryRun.Failed,
                Reason = segment.Points.Count > 0 ? null : "no benchmark result in the cron log",
            };
            batch.WeakRuns.Add(run);
            batch.MedianPoints.AddRange(segment.Points.Select(p =>
                new HistoryMedianPoint(run.Id, HistoryMedianPoint.FromCronLog, p.Kind, p.Load, p.E2e, p.Ttft, p.Itl, new SourceRef(file.RelativePath, p.Line))));
        }

        return batch;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private sealed class Segment(DateTimeOffset startedAt, string? image, int line)
    {
        public DateTimeOffset StartedAt { get; } = startedAt;
        public string? Image { get; } = image;
        public int Line { get; } = line;
        public List<(string Kind, double Load, double E2e, double Ttft, double Itl, int Line)> Points { get; } = [];
        public List<OnlineRunFolder> Folders { get; } = [];

        /// <summary>The last benchmark run of the invocation to finish: the closest the cron log comes to an end time.</summary>
        public DateTimeOffset? LastCompleted { get; set; }
    }

    [GeneratedRegex(@"^\[nightly\] Machine: (\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex MachinePattern();

    [GeneratedRegex(@"--model-name=['""]?([^\s'""]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ModelNameFlagPattern();

    [GeneratedRegex(@"--model-path=['""]?([^\s'""]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ModelPathFlagPattern();

    [GeneratedRegex(@"^\[nightly\] Using Docker image: (\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex ImagePattern();

    [GeneratedRegex(@"^\[online\] Updating CSV for (?<kind>rate|concurrency) (?<load>[\d.]+): E2E=(?<e2e>[\d.]+)ms, TTFT=(?<ttft>[\d.]+)ms, ITL=(?<itl>[\d.]+)ms", RegexOptions.CultureInvariant)]
    private static partial Regex UpdatingPattern();

    [GeneratedRegex(@"/online/[^/\s]+/(v[^/\s]+?_online[a-z0-9_]*)(?=[/\s.]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex FolderPattern();
}
