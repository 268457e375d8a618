using SglangCi.Grains.Runs;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Grains.Tests.RunKinds;

/// <summary>
/// Every ending of a PR image run's two steps, as checks and outcome, from the scripts' marker lines and the runtime's
/// kept-image line (pure: no node). Credentials in the remote never reach a check or a reason.
/// </summary>
public sealed class PrImageVerdictTests
{
    private const string Base = "0123456789abcdef0123456789abcdef01234567";
    private const string Head = "1a2b3c4d5e6f708192a3b4c5d6e7f80912345678";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Took = TimeSpan.FromSeconds(12);

    private static readonly PrImageRequest Pr7 = new(
        "lmsysorg/sglang:v0.5.5-rocm700-mi30x", PrImageSource.ForPullRequest(7), GitRemote.Parse("https://bot:s3cret@github.com/acme/sglang.git"), "/sgl-workspace/sglang");

    [Fact]
    public void Resolve_gives_the_remotes_commit_and_reports_nothing_yet()
    {
        var step = PrImageVerdicts.Resolve(Pr7, Exited(0, Markers(("base", Base), ("remote", Head))), Timeout, Took);

        Assert.True(step.Succeeded);
        Assert.Equal(Head, step.Output.RemoteSha);
        Assert.Empty(step.Checks);
    }

    [Fact]
    public void A_pull_request_that_does_not_exist_fails_the_fetch_check_and_the_run_saying_so()
    {
        var step = PrImageVerdicts.Resolve(
            Pr7, Exited(1, Markers(("base", Base)) + "error: the remote has no refs/pull/7/head (PR #7 does not exist there)\n" + Markers(("failed", "no-such-ref"))), Timeout, Took);

        Assert.False(step.Succeeded);
        Assert.Equal(RunOutcome.Failed("PR #7 does not exist on https://<redacted>@github.com/acme/sglang.git (no refs/pull/7/head)"), step.Outcome());
        var check = Assert.Single(step.Checks);
        Assert.Equal((PrImageVerdicts.FetchCheck, CheckStatus.Failed), (check.Name, check.Status));
        Assert.Contains("error: the remote has no refs/pull/7/head", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_remote_fails_with_gits_error_line_without_the_credentials()
    {
        var step = PrImageVerdicts.Resolve(
            Pr7,
            Exited(128, "fatal: unable to access 'https://bot:s3cret@github.com/acme/sglang.git/': Could not resolve host: github.com\n" + Markers(("failed", "unreachable"))),
            Timeout,
            Took);

        Assert.Equal(
            "remote https://<redacted>@github.com/acme/sglang.git could not be reached: fatal: unable to access 'https://<redacted>@github.com/acme/sglang.git/': Could not resolve host: github.com",
            step.Outcome().Reason);
        Assert.DoesNotContain("s3cret", Assert.Single(step.Checks).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-checkout", "no SGLang checkout at /sgl-workspace/sglang in image lmsysorg/sglang:v0.5.5-rocm700-mi30x")]
    [InlineData("no-git", "git is not installed in image lmsysorg/sglang:v0.5.5-rocm700-mi30x")]
    [InlineData("moved", "PR #7 moved to 1a2b3c4 while the image was built; run it again")]
    public void Each_failure_marker_has_its_own_reason(string marker, string reason)
    {
        var step = PrImageVerdicts.Update(Pr7, Exited(1, Markers(("remote", Head), ("failed", marker))), Timeout, Took);
        Assert.Equal(RunOutcome.Failed(reason), step.Outcome());
    }

    [Fact]
    public void A_node_that_never_answered_or_a_command_stopped_at_the_timeout_is_timed_out()
    {
        var silent = PrImageVerdicts.Resolve(Pr7, null, Timeout, Timeout);
        var stopped = PrImageVerdicts.Update(Pr7, new EngineExec("x", EngineExecStatus.Failed, null, null, null, "command stopped: timed out or its lease ended"), Timeout, Timeout);

        Assert.Equal(RunOutcome.Failed("PR #7: timed out after 30 min while resolving"), silent.Outcome());
        Assert.Equal(CheckStatus.TimedOut, Assert.Single(silent.Checks).Status);
        Assert.Equal(RunOutcome.Failed("PR #7: timed out after 30 min while updating the checkout"), stopped.Outcome());
    }

    [Fact]
    public void A_command_the_runtime_refused_fails_with_its_message()
    {
        var refused = new EngineExec("x", EngineExecStatus.Failed, null, null, null, "node bare-1 runs on bare metal, which cannot keep images: it cannot make sglang-pr7");
        var step = PrImageVerdicts.Update(Pr7, refused, Timeout, Took);

        Assert.Equal(
            "PR #7: node bare-1 runs on bare metal, which cannot keep images: it cannot make sglang-pr7 (while updating the checkout)",
            step.Outcome().Reason);
    }

    [Fact]
    public void A_code_only_update_passes_all_three_checks_with_the_kept_tags()
    {
        var output = Markers(("base", Base), ("new", Head), ("changed", "python/sglang/srt/server.py"))
            + new CommittedImage("sha256:feed", ["sglang-pr7", "sglang-pr7-1a2b3c4"]).ToLine();
        var step = PrImageVerdicts.Update(Pr7, Exited(0, output), Timeout, Took);

        Assert.Equal(RunOutcome.Succeeded, step.Outcome(PrImageVerdicts.RebuildNote(step.Output)));
        Assert.Equal(
            [
                (PrImageVerdicts.FetchCheck, CheckStatus.Passed, "PR #7 of https://<redacted>@github.com/acme/sglang.git at 1a2b3c4 (was 0123456); 1 file changed"),
                (PrImageVerdicts.DependenciesCheck, CheckStatus.Passed, "no dependency files differ from the image's"),
                (PrImageVerdicts.ImageCheck, CheckStatus.Passed, "sglang-pr7, sglang-pr7-1a2b3c4 (image sha256:feed, from lmsysorg/sglang:v0.5.5-rocm700-mi30x)"),
            ],
            step.Checks.Select(c => (c.Name, c.Status, c.Detail)));
    }

    [Fact]
    public void Changed_dependencies_are_a_warning_and_the_runs_reason_but_the_image_is_kept_and_the_run_succeeds()
    {
        var output = Markers(("base", Base), ("new", Head), ("changed", "python/pyproject.toml"), ("changed", "sgl-kernel/csrc/a.cu"), ("changed", "python/sglang/x.py"))
            + new CommittedImage("sha256:feed", ["sglang-pr7", "sglang-pr7-1a2b3c4"]).ToLine();
        var step = PrImageVerdicts.Update(Pr7, Exited(0, output), Timeout, Took);
        var outcome = step.Outcome(PrImageVerdicts.RebuildNote(step.Output));

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal("dependency files differ from the image's (python/pyproject.toml, sgl-kernel/csrc/a.cu): a full rebuild is needed; this image has the new code only", outcome.Reason);
        var dependencies = step.Checks.Single(c => c.Name == PrImageVerdicts.DependenciesCheck);
        Assert.Equal((CheckStatus.Warning, 2.0), (dependencies.Status, dependencies.Value));
        Assert.StartsWith("dependency files differ from the image's: python/pyproject.toml (Python dependencies", dependencies.Detail, StringComparison.Ordinal);
        Assert.EndsWith("— a full rebuild is needed", dependencies.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Passed, step.Checks.Single(c => c.Name == PrImageVerdicts.ImageCheck).Status);
    }

    [Fact]
    public void An_update_without_the_runtimes_kept_image_line_fails_the_image_check()
    {
        var step = PrImageVerdicts.Update(Pr7, Exited(0, Markers(("base", Base), ("new", Head))), Timeout, Took);

        Assert.Equal(RunOutcome.Failed("PR #7: the runtime kept no image"), step.Outcome());
        Assert.Equal(CheckStatus.Failed, step.Checks.Single(c => c.Name == PrImageVerdicts.ImageCheck).Status);
    }

    [Fact]
    public void A_commit_the_runtime_could_not_make_fails_the_image_check_and_the_run_with_the_runtimes_reason()
    {
        var output = Markers(("base", Base), ("new", Head))
            + CommittedImage.FailureLine(["sglang-pr7", "sglang-pr7-1a2b3c4"], "no space left on device\n(while writing layer)");
        var step = PrImageVerdicts.Update(Pr7, Exited(0, output), Timeout, Took);

        const string why = "the image could not be kept as sglang-pr7, sglang-pr7-1a2b3c4: no space left on device (while writing layer)";
        Assert.Equal(RunOutcome.Failed($"PR #7: {why}"), step.Outcome());
        var image = step.Checks.Single(c => c.Name == PrImageVerdicts.ImageCheck);
        Assert.Equal((CheckStatus.Failed, why), (image.Status, image.Detail));
        Assert.Equal(CheckStatus.Passed, step.Checks.Single(c => c.Name == PrImageVerdicts.FetchCheck).Status);
    }

    [Fact]
    public void Unlisted_changes_are_a_warning_that_a_full_rebuild_may_be_needed()
    {
        var output = Markers(("base", Base), ("new", Head), ("diff-unknown", "")) + new CommittedImage("sha256:feed", ["sglang-pr7"]).ToLine();
        var step = PrImageVerdicts.Update(Pr7, Exited(0, output), Timeout, Took);

        const string note = "the files that differ from the image's could not be listed: a full rebuild may be needed";
        Assert.Equal(note, PrImageVerdicts.RebuildNote(step.Output));
        var dependencies = step.Checks.Single(c => c.Name == PrImageVerdicts.DependenciesCheck);
        Assert.Equal((CheckStatus.Warning, note), (dependencies.Status, dependencies.Detail));
    }

    [Fact]
    public void A_remote_with_credentials_in_the_runs_options_is_refused_but_the_silos_may_carry_them()
    {
        static RunPlan Plan(RunOptions options) =>
            new("r", "n", 1, new EngineLaunch("r", "img", "", [], new Dictionary<string, string>(), TimeSpan.FromMinutes(1)), null, null) { Mode = RunMode.PrImage, Options = options };

        var refused = Assert.Throws<ArgumentException>(() => PrImageKind.RequestOf(Plan(new() { PullRequest = 7, GitRemote = "https://bot:s3cret@github.com/acme/sglang.git" }), GitRemote.SglangUpstream));
        Assert.Contains("git remote 'https://<redacted>@github.com/acme/sglang.git' carries credentials", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", refused.Message, StringComparison.Ordinal);
        Assert.True(PrImageKind.RequestOf(Plan(new() { PullRequest = 7 }), "https://bot:s3cret@github.com/acme/sglang.git").Remote.HasCredentials);
    }

    [Theory]
    [InlineData("SGLCI_SGLANG_CHECKOUT")]
    [InlineData("SGLCI_IMAGE_LABEL_PR")]
    [InlineData("GIT_SSH_COMMAND")]
    [InlineData("LD_PRELOAD")]
    public void A_jobs_environment_may_not_set_names_that_steer_the_runtime_git_or_the_loader(string key)
    {
        var plan = new RunPlan("r", "n", 1, new EngineLaunch("r", "img", "", [], new Dictionary<string, string>(), TimeSpan.FromMinutes(1)), null, null)
        {
            Mode = RunMode.PrImage,
            Options = new RunOptions { Environment = new Dictionary<string, string> { ["SGLANG_USE_AITER"] = "0", [key] = "x" } },
        };

        Assert.Contains($"environment entry '{key}' is not allowed", Assert.Throws<RunFailedException>(() => JobEnvironment.Of(plan)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jobs_environment_comes_after_the_plans_and_the_kinds_and_simulator_knobs_are_allowed()
    {
        var plan = new RunPlan("r", "n", 1, new EngineLaunch("r", "img", "", [], new Dictionary<string, string> { ["A"] = "plan", ["B"] = "plan" }, TimeSpan.FromMinutes(1)), null, null)
        {
            Mode = RunMode.UpstreamTest,
            Options = new RunOptions { Environment = new Dictionary<string, string> { ["B"] = "job", ["SGLCI_SIM_UNITTEST_BY_MODULE"] = "x=fail" } },
        };

        var environment = JobEnvironment.Of(plan, new Dictionary<string, string> { ["A"] = "kind", ["B"] = "kind" });

        Assert.Equal(("kind", "job", "x=fail"), (environment["A"], environment["B"], environment["SGLCI_SIM_UNITTEST_BY_MODULE"]));
    }

    [Fact]
    public void A_run_without_a_base_image_or_with_bad_options_is_refused_naming_what_is_wrong()
    {
        static RunPlan Plan(string image, RunOptions options) =>
            new("r", "n", 1, new EngineLaunch("r", image, "", [], new Dictionary<string, string>(), TimeSpan.FromMinutes(1)), null, null) { Mode = RunMode.PrImage, Options = options };

        Assert.Contains("needs a base image (--image)", Assert.Throws<ArgumentException>(() => PrImageKind.RequestOf(Plan(RunPlanner.DefaultImage, new() { PullRequest = 7 }), GitRemote.SglangUpstream)).Message, StringComparison.Ordinal);
        Assert.Contains("branch 'a b'", Assert.Throws<ArgumentException>(() => PrImageKind.RequestOf(Plan("img", new() { Branch = "a b" }), GitRemote.SglangUpstream)).Message, StringComparison.Ordinal);
        var request = PrImageKind.RequestOf(Plan("img", new() { PullRequest = 7 }), "file:///srv/sglang.git");
        Assert.Equal(("file:///srv/sglang.git", PrImageScript.DefaultCheckout), (request.Remote.Url, request.Checkout));
        Assert.Equal("https://x.invalid/s.git", PrImageKind.RequestOf(Plan("img", new() { PullRequest = 7, GitRemote = "https://x.invalid/s.git" }), GitRemote.SglangUpstream).Remote.Url);
    }

    private static EngineExec Exited(int exitCode, string output) => new("x", EngineExecStatus.Exited, exitCode, output, null, null);

    private static string Markers(params (string Key, string Value)[] markers) =>
        string.Concat(markers.Select(m => $"{PrImageMarker.Prefix}{m.Key} {m.Value}\n"));
}
