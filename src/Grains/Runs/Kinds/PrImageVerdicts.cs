using System.Globalization;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// How each step of a PR image run ended, as checks and the run's outcome (pure, so every ending is tested without a node):
/// <list type="bullet">
/// <item><see cref="FetchCheck"/>: the remote's commit was found and checked out, or why not (git's own error line);</item>
/// <item><see cref="DependenciesCheck"/>: passed when no file that needs a full rebuild differs from the image's, a warning naming them
/// otherwise (the image is still built: the old script's limit, said out loud);</item>
/// <item><see cref="ImageCheck"/>: the tags the runtime reports it kept, never the ones asked for.</item>
/// </list>
/// Every text that may hold the remote goes through <see cref="GitRemote.Redact"/>.
/// </summary>
public static class PrImageVerdicts
{
    public const string FetchCheck = "fetch";
    public const string DependenciesCheck = "dependencies";
    public const string ImageCheck = "image";

    private const string ChangesUnknown = "the files that differ from the image's could not be listed";

    /// <summary>Step 1: the remote's commit (<see cref="PrImageOutput.RemoteSha"/>) or the failure.</summary>
    /// <param name="exec">How the command ended; null when the node gave no answer within the timeout.</param>
    public static PrImageStepResult Resolve(PrImageRequest request, EngineExec? exec, TimeSpan timeout, TimeSpan took)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Ended(request, exec, timeout, took, "resolving") is { } ended)
        {
            return ended;
        }

        var output = PrImageOutput.Parse(exec!.Output);
        if (exec.ExitCode != 0 || output.Failure is not null)
        {
            return Failed(request, output, exec.ExitCode, took);
        }

        return PrImageTags.IsCommitId(output.RemoteSha)
            ? new PrImageStepResult([], output, null)
            : Failed(request, output, exec.ExitCode, took, $"the remote answered for {request.Source.RemoteRef} without a commit id");
    }

    /// <summary>Step 2: the three checks and the run's outcome (success with a note when dependencies changed).</summary>
    public static PrImageStepResult Update(PrImageRequest request, EngineExec? exec, TimeSpan timeout, TimeSpan took)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Ended(request, exec, timeout, took, "updating the checkout") is { } ended)
        {
            return ended;
        }

        var output = PrImageOutput.Parse(exec!.Output);
        if (exec.ExitCode != 0 || output.Failure is not null)
        {
            return Failed(request, output, exec.ExitCode, took);
        }

        if (!PrImageTags.IsCommitId(output.NewSha))
        {
            return Failed(request, output, exec.ExitCode, took, "the update printed no new commit");
        }

        var fetch = new RunCheckResult(
            FetchCheck, CheckStatus.Passed, null, took,
            $"{request.Description} at {Short(output.NewSha)} (was {Short(output.BaseSha)}); {Count(output.ChangedFiles.Count, "file")} changed");
        var dependencies = Dependencies(output);
        var image = CommittedImage.FindIn(exec.Output);
        if (image is null || image.Tags.Count == 0)
        {
            // The runtime's own reason when it gave one (Docker refused the commit, the disk is full), else only the fact.
            var why = CommittedImage.FailureIn(exec.Output) is { } failure ? $"the image could not be kept as {GitRemote.Redact(failure)}" : "the runtime kept no image";
            var missing = new RunCheckResult(ImageCheck, CheckStatus.Failed, null, null, why);
            return new PrImageStepResult([fetch, dependencies, missing], output, RunOutcome.Failed($"{request.Source.Description}: {why}"));
        }

        var kept = new RunCheckResult(
            ImageCheck, CheckStatus.Passed, image.Tags.Count, null, $"{string.Join(", ", image.Tags)} (image {image.ImageId}, from {request.BaseImage})");
        return new PrImageStepResult([fetch, dependencies, kept], output, null);
    }

    /// <summary>The run's note when the image is built but not complete: which files need a full rebuild; null when none.</summary>
    public static string? RebuildNote(PrImageOutput output) => DependencyChangesOf(output) switch
    {
        null => $"{ChangesUnknown}: a full rebuild may be needed",
        { Count: 0 } => null,
        var changes => $"dependency files differ from the image's ({string.Join(", ", changes.Select(c => c.File))}): a full rebuild is needed; this image has the new code only",
    };

    private static RunCheckResult Dependencies(PrImageOutput output) => DependencyChangesOf(output) switch
    {
        null => new RunCheckResult(DependenciesCheck, CheckStatus.Warning, null, null, RebuildNote(output)),
        { Count: 0 } => new RunCheckResult(DependenciesCheck, CheckStatus.Passed, 0, null, "no dependency files differ from the image's"),
        var changes => new RunCheckResult(
            DependenciesCheck, CheckStatus.Warning, changes.Count, null,
            $"dependency files differ from the image's: {string.Join("; ", changes.Select(c => $"{c.File} ({c.Rule.Why})"))} — a full rebuild is needed"),
    };

    /// <summary>The files that need a full rebuild (the diff is the image's commit against the new one, so main's changes
    /// since the image count too); null when git could not list them.</summary>
    private static IReadOnlyList<DependencyChange>? DependencyChangesOf(PrImageOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.ChangesUnknown ? null : DependencyChanges.Find(output.ChangedFiles);
    }

    /// <summary>A step the node did not finish: timed out, or the command could not run at all; null when it exited.</summary>
    private static PrImageStepResult? Ended(PrImageRequest request, EngineExec? exec, TimeSpan timeout, TimeSpan took, string doing)
    {
        if (exec is null || (exec.Status == EngineExecStatus.Failed && took >= timeout))
        {
            var reason = $"timed out after {UnitTestVerdicts.Minutes(timeout)} while {doing}";
            return new PrImageStepResult(
                [new RunCheckResult(FetchCheck, CheckStatus.TimedOut, null, took, reason)],
                new PrImageOutput(),
                RunOutcome.Failed($"{request.Source.Description}: {reason}"));
        }

        if (exec.Status != EngineExecStatus.Exited)
        {
            var reason = GitRemote.Redact(exec.Error ?? "the command could not run");
            return new PrImageStepResult(
                [new RunCheckResult(FetchCheck, CheckStatus.Failed, null, took, reason)],
                PrImageOutput.Parse(exec.Output),
                RunOutcome.Failed($"{request.Source.Description}: {reason} (while {doing})"));
        }

        return null;
    }

    private static PrImageStepResult Failed(PrImageRequest request, PrImageOutput output, int? exitCode, TimeSpan took, string? why = null)
    {
        var git = output.ErrorLine is null ? null : GitRemote.Redact(output.ErrorLine);
        var reason = why ?? Reason(request, output, exitCode, git);
        var detail = git is null || reason.Contains(git, StringComparison.Ordinal) ? reason : $"{reason}: {git}";
        return new PrImageStepResult(
            [new RunCheckResult(FetchCheck, CheckStatus.Failed, null, took, detail)],
            output,
            RunOutcome.Failed(reason));
    }

    /// <summary>The run's reason, from the script's own failure marker; git's line where it says more than the marker.</summary>
    private static string Reason(PrImageRequest request, PrImageOutput output, int? exitCode, string? git)
    {
        var source = request.Source;
        var remote = request.Remote.Redacted;
        var said = git is null ? "" : $": {git}";
        return output.Failure switch
        {
            PrImageFailureKind.NoCheckout => $"no SGLang checkout at {request.Checkout} in image {request.BaseImage}",
            PrImageFailureKind.NoGit => $"git is not installed in image {request.BaseImage}",
            PrImageFailureKind.NotARepository => $"{request.Checkout} in image {request.BaseImage} is not a git checkout{said}",
            PrImageFailureKind.NoSuchRef => $"{source.Description} does not exist on {remote} (no {source.RemoteRef})",
            PrImageFailureKind.Unreachable => $"remote {remote} could not be reached{said}",
            PrImageFailureKind.FetchFailed => $"fetching {source.RemoteRef} from {remote} failed{said}",
            PrImageFailureKind.Moved => $"{source.Description} moved to {Short(output.RemoteSha)} while the image was built; run it again",
            PrImageFailureKind.CheckoutFailed => $"checking out {source.Description} in {request.Checkout} failed{said}",
            _ when output.FailureName is { } unknown => $"the script stopped with '{unknown}' (exit code {exitCode}){said}",
            _ => $"the script exited {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"} without saying why{said}",
        };
    }

    private static string Short(string? sha) => PrImageTags.IsCommitId(sha) ? PrImageTags.Short(sha!) : "?";

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";
}
