using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>
/// A base image with SGLang's code moved to a pull request's head (or a branch), kept as a local image tagged
/// <c>sglang-pr&lt;N&gt;</c> and <c>sglang-pr&lt;N&gt;-&lt;sha7&gt;</c>: the old <c>build_sglang_docker.sh --pr</c> without its
/// kernel rebuild. Two commands in the image (<see cref="PrImageScript"/>): the first asks the remote which commit to
/// build, the second updates the checkout in a container the runtime keeps as the image (<see cref="EngineLaunch.CommitAs"/>).
/// Changed dependency files do not fail the run (the code-only image is still useful) but are a warning check and the
/// run's reason: a full rebuild is needed. No server, so no GSM8K gate.
/// </summary>
public sealed class PrImageKind(string? defaultRemote = null) : IRunKind
{
    private readonly string _defaultRemote = string.IsNullOrWhiteSpace(defaultRemote) ? GitRemote.SglangUpstream : defaultRemote;

    public RunMode Mode => RunMode.PrImage;

    /// <summary>Pre-launch steps belong to a model's preset; a PR image build runs none.</summary>
    public bool RunsPreLaunch => false;

    public async Task<RunOutcome> ExecuteAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        await run.PhaseSkippedAsync(RunPhase.Gsm8kGate);
        await run.PhaseStartedAsync(RunPhase.Benchmark);
        PrImageRequest request;
        try
        {
            request = RequestOf(run.Plan, _defaultRemote);
        }
        catch (ArgumentException e)
        {
            return RunOutcome.Failed(e.Message);
        }

        // The job's own entries are checked once, before anything runs (a reserved name fails the run).
        var jobEnvironment = JobEnvironment.Of(run.Plan);

        var timeout = run.Plan.Options.Timeout ?? PrImageDefaults.Timeout;
        var deadline = run.Time.GetUtcNow() + timeout;
        await run.LogAsync($"pr-image: {request.Description} on {request.BaseImage} (checkout {request.Checkout}, timeout {timeout})");

        run.Stage = $"resolving {request.Source.Description}";
        var resolve = await StepAsync(run, "pr-image-resolve", PrImageScript.Resolve(request.Remote, request.Source), Launch(run.Plan, jobEnvironment, request, null, null), deadline, timeout,
            (exec, took) => PrImageVerdicts.Resolve(request, exec, timeout, took));
        if (!resolve.Succeeded)
        {
            return await EndAsync(run, resolve, null);
        }

        var sha = resolve.Output.RemoteSha!;
        var tags = PrImageTags.For(request.Source, sha);
        run.Stage = $"updating the checkout to {request.Source.Description} at {PrImageTags.Short(sha)}";
        var update = await StepAsync(run, "pr-image-update", PrImageScript.Update(request.Remote, request.Source, sha), Launch(run.Plan, jobEnvironment, request, sha, tags), deadline, timeout,
            (exec, took) => PrImageVerdicts.Update(request, exec, timeout, took));
        return await EndAsync(run, update, update.Succeeded ? PrImageVerdicts.RebuildNote(update.Output) : null);
    }

    /// <summary>The run's request from its plan; throws <see cref="ArgumentException"/> naming a missing or bad option.</summary>
    public static PrImageRequest RequestOf(RunPlan plan, string defaultRemote)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var image = plan.Launch.Image;
        if (string.IsNullOrWhiteSpace(image) || image == RunPlanner.DefaultImage)
        {
            throw new ArgumentException("a pr-image run needs a base image (--image): the image whose SGLang checkout is updated");
        }

        var options = plan.Options;
        if (CredentialsProblem(options) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var checkout = string.IsNullOrWhiteSpace(options.SglangPath) ? PrImageScript.DefaultCheckout : options.SglangPath.Trim();
        return new PrImageRequest(
            image,
            PrImageSource.From(options.PullRequest, options.Branch),
            GitRemote.Parse(string.IsNullOrWhiteSpace(options.GitRemote) ? defaultRemote : options.GitRemote),
            checkout);
    }

    /// <summary>
    /// Why <paramref name="options"/> cannot be run: a remote with credentials (<c>user:token@</c>) would be stored with the
    /// run, its schedule and its history; credentials belong to the silo's configured remote. Null when nothing is wrong.
    /// </summary>
    public static string? CredentialsProblem(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !string.IsNullOrWhiteSpace(options.GitRemote) && GitRemote.Redact(options.GitRemote) != options.GitRemote
            ? $"git remote '{GitRemote.Redact(options.GitRemote)}' carries credentials, which would be stored with the run; "
                + "configure them on the silo (SglangCi:Upstream:GitRemote, or a git credential helper on the node)"
            : null;
    }

    /// <summary>
    /// The plan's launch with the job's environment, then the checkout's path for the script and, for the step that keeps
    /// the image, its tags and the labels that say what it is (PR or branch, commit, remote without credentials): the
    /// kind's entries come last, so nothing the job gives can change them.
    /// </summary>
    private static EngineLaunch Launch(RunPlan plan, IReadOnlyDictionary<string, string> jobEnvironment, PrImageRequest request, string? sha, IReadOnlyList<string>? tags)
    {
        var environment = new Dictionary<string, string>(jobEnvironment, StringComparer.Ordinal)
        {
            [PrImageScript.CheckoutVariable] = request.Checkout,
        };
        if (tags is not null)
        {
            var label = Runtime.ImageCommitLabels.EnvironmentPrefix;
            environment[request.Source.PullRequest is { } pr ? label + "PR" : label + "BRANCH"] =
                request.Source.PullRequest?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? request.Source.Branch!;
            environment[label + "SHA"] = sha!;
            environment[label + "REMOTE"] = request.Remote.Redacted;
        }

        return plan.Launch with { Environment = environment, CommitAs = tags, WorksInImageCheckout = true };
    }

    /// <summary>Runs one step within what is left of the run's time, keeps its output (credentials hidden) as a command log.</summary>
    private static async Task<PrImageStepResult> StepAsync(
        RunContext run, string name, IReadOnlyList<string> command, EngineLaunch launch, DateTimeOffset deadline, TimeSpan timeout,
        Func<EngineExec?, TimeSpan, PrImageStepResult> judge)
    {
        var startedAt = run.Time.GetUtcNow();
        var left = deadline - startedAt;
        if (left <= TimeSpan.Zero)
        {
            return judge(null, timeout);
        }

        await run.LogAsync($"{name}: sh -c <{name} script>{(launch.CommitAs is { } tags ? $", kept as {string.Join(", ", tags)}" : "")}");
        var exec = await run.ExecAsync(command, left, launch);
        var took = run.Time.GetUtcNow() - startedAt;
        if (!string.IsNullOrEmpty(exec?.Output))
        {
            await run.WriteCommandLogAsync(name, GitRemote.Redact(exec.Output));
        }

        // The step's own share of the time: a run that ran out of it timed out, whichever step it was in.
        return judge(exec, took + (timeout - left));
    }

    private static async Task<RunOutcome> EndAsync(RunContext run, PrImageStepResult step, string? note)
    {
        foreach (var check in step.Checks)
        {
            await run.ReportCheckAsync(check);
        }

        if (note is not null)
        {
            await run.LogAsync($"pr-image: {note}");
        }

        await run.PhaseStartedAsync(RunPhase.Collected);
        return step.Outcome(note);
    }
}
