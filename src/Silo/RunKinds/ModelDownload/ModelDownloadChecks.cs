using System.Globalization;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Downloads;

namespace SglangCi.Silo.RunKinds.ModelDownload;

/// <summary>The check a model-download run records per model (<c>model KEY</c>): what was fetched, what a dry run would
/// fetch, or why it failed. The value is the bytes fetched (or to fetch, for a dry run).</summary>
public static class ModelDownloadChecks
{
    public static string Name(ModelDownloadEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"model {entry.Key}";
    }

    public static RunCheckResult For(ModelDownloadOutcome outcome, TimeSpan took)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var name = Name(outcome.Entry);
        if (outcome.Result is not { } result)
        {
            return new RunCheckResult(name, CheckStatus.Failed, null, took, outcome.Error ?? "failed");
        }

        var plan = result.Plan;
        var files = plan.Files.Count;
        var pending = files - plan.CompleteFiles;
        if (result.DryRun)
        {
            var detail = plan.IsComplete
                ? $"dry run: present, 0 bytes to fetch ({Files(files)}, {ByteSize.Format(plan.TotalBytes)} in {plan.LocalDirectory})"
                : $"dry run: would fetch {Files(pending)}, {ByteSize.Format(plan.BytesToDownload)} into {plan.LocalDirectory} ({plan.CompleteFiles} of {Files(files)} present)";
            return new RunCheckResult(name, CheckStatus.Passed, plan.BytesToDownload, took, detail);
        }

        return result.FilesDownloaded == 0
            ? new RunCheckResult(name, CheckStatus.Passed, 0, took,
                $"present, 0 bytes to fetch ({Files(files)}, {ByteSize.Format(plan.TotalBytes)} in {plan.LocalDirectory})")
            : new RunCheckResult(name, CheckStatus.Passed, result.BytesTransferred, took,
                $"downloaded {Files(result.FilesDownloaded)}, {ByteSize.Format(result.BytesTransferred)} in {Seconds(result.Elapsed)} into {plan.LocalDirectory} ({Files(files)}, {ByteSize.Format(plan.TotalBytes)} in all)");
    }

    /// <summary>The model that was downloading when the run's time was up; its partial files stay for the next run.</summary>
    public static RunCheckResult TimedOut(ModelDownloadEntry entry, TimeSpan timeout, TimeSpan took, string localDirectory) => new(
        Name(entry), CheckStatus.TimedOut, null, took,
        $"timed out after {timeout:c}; partial files are kept as *{ModelDownloader.IncompleteSuffix} in {localDirectory} and the next run resumes them");

    /// <summary>A model the run never got to (the time was up before its turn).</summary>
    public static RunCheckResult NotStarted(ModelDownloadEntry entry, string why) => new(Name(entry), CheckStatus.Skipped, null, null, why);

    private static string Files(int count) => count == 1 ? "1 file" : string.Create(CultureInfo.InvariantCulture, $"{count} files");

    private static string Seconds(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0} s");
}
