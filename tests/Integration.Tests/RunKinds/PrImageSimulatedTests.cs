using System.Text.Json;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Tests.Upstream.PrImages;

namespace SglangCi.Integration.Tests.RunKinds;

/// <summary>
/// <c>pr-image</c> end to end on a silo hosted as the product hosts it, with a simulated node whose images are real git
/// checkouts: the silo's remote (<c>SglangCi:Upstream:GitRemote</c>) is a local bare repository with pull request heads,
/// and the base image's checkout (<c>SglangCi:Simulator:SglangSource</c>) a clone of its main. The runtime really fetches
/// and checks out, keeps the result as the PR's tags, and a later run builds on the kept image.
/// </summary>
public sealed class PrImageSimulatedTests(PrImageSimulatedTests.Silo fixture) : IClassFixture<PrImageSimulatedTests.Silo>
{
    private const string BaseImage = "lmsysorg/sglang:v0.5.5-test";

    [Fact]
    public async Task Cli_builds_a_pr_image_whose_checkout_has_the_prs_code_and_a_later_run_builds_on_it()
    {
        var head = fixture.Git.PushPullRequest(7, ("python/sglang/srt/server.py", "print('pr 7')\n"));
        var cli = new CliRunner(RepositoryLayout.Discover().CliAssembly, ["--gateway", fixture.Instance.Gateway]);

        var result = await cli.RunAsync(TimeSpan.FromMinutes(2), "pr-image", "--node", Silo.Node, "--image", BaseImage, "--pr", "7", "--wait", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.Equal("pr-image", root.GetProperty("mode").GetString());
        Assert.Equal("succeeded", root.GetProperty("status").GetString());
        var checks = root.GetProperty("checks").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString(), c.GetProperty("status").GetString(), c.GetProperty("detail").GetString()))
            .ToArray();
        var sha7 = head[..7];
        Assert.Equal(["fetch", "dependencies", "image"], checks.Select(c => c.Item1));
        Assert.All(checks, c => Assert.Equal("passed", c.Item2));
        Assert.StartsWith($"PR #7 of {fixture.Git.Upstream} at {sha7} (was {fixture.Git.MainSha[..7]}); 1 file changed", checks[0].Item3, StringComparison.Ordinal);
        Assert.Equal("no dependency files differ from the image's", checks[1].Item3);
        Assert.StartsWith($"sglang-pr7, sglang-pr7-{sha7} (image sim-", checks[2].Item3, StringComparison.Ordinal);

        foreach (var tag in new[] { "sglang-pr7", $"sglang-pr7-{sha7}" })
        {
            Assert.Equal("print('pr 7')\n", await File.ReadAllTextAsync(fixture.KeptFile(tag, "python/sglang/srt/server.py")));
            Assert.Equal(head, HeadOf(fixture.KeptFile(tag, "")));
            var labels = await File.ReadAllTextAsync(fixture.KeptFile(tag, "../image.json"));
            Assert.Contains($"\"sglang-ci.image.sha\": \"{head}\"", labels, StringComparison.Ordinal);
            Assert.Contains("\"sglang-ci.image.pr\": \"7\"", labels, StringComparison.Ordinal);
            Assert.Contains($"\"sglang-ci.image.base\": \"{BaseImage}\"", labels, StringComparison.Ordinal);
        }

        // The kept image is a base like any other: its checkout is PR 7's, not the configured source's.
        var next = fixture.Git.PushBranch("feature/next", ("python/sglang/srt/other.py", "y = 2\n"));
        var (summary, details) = await fixture.Instance.RunAsync(Silo.Node, RunMode.PrImage, options: new RunOptions { Branch = "feature/next" }, image: "sglang-pr7");

        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        Assert.Equal(
            $"branch feature/next of {fixture.Git.Upstream} at {next[..7]} (was {sha7}); 2 files changed",
            details.Checks.Single(c => c.Name == "fetch").Detail);
        Assert.StartsWith($"sglang-branch-feature-next, sglang-branch-feature-next-{next[..7]} ", details.Checks.Single(c => c.Name == "image").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dependency_change_keeps_the_image_but_warns_that_a_full_rebuild_is_needed()
    {
        var head = fixture.Git.PushPullRequest(8, ("python/pyproject.toml", "[project]\nname = \"sglang\"\ndependencies = [\"torch==9\"]\n"), ("python/sglang/x.py", "x = 1\n"));

        var (summary, details) = await fixture.Instance.RunAsync(Silo.Node, RunMode.PrImage, options: new RunOptions { PullRequest = 8 }, image: BaseImage);

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal("dependency files differ from the image's (python/pyproject.toml): a full rebuild is needed; this image has the new code only", summary.Reason);
        var dependencies = details.Checks.Single(c => c.Name == "dependencies");
        Assert.Equal(CheckStatus.Warning, dependencies.Status);
        Assert.Equal(
            "dependency files differ from the image's: python/pyproject.toml (Python dependencies and versions (this platform's or another's) are installed when the image is built) — a full rebuild is needed",
            dependencies.Detail);
        Assert.Equal(CheckStatus.Passed, details.Checks.Single(c => c.Name == "image").Status);
        Assert.True(File.Exists(fixture.KeptFile($"sglang-pr8-{head[..7]}", "python/sglang/x.py")));
    }

    [Fact]
    public async Task A_pull_request_that_does_not_exist_fails_saying_so_and_keeps_no_image()
    {
        var (summary, details) = await fixture.Instance.RunAsync(Silo.Node, RunMode.PrImage, options: new RunOptions { PullRequest = 404 }, image: BaseImage);

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Equal($"PR #404 does not exist on {fixture.Git.Upstream} (no refs/pull/404/head)", summary.Reason);
        var fetch = Assert.Single(details.Checks);
        Assert.Equal(("fetch", CheckStatus.Failed), (fetch.Name, fetch.Status));
        Assert.False(Directory.Exists(fixture.KeptFile("sglang-pr404", "")));
    }

    [Fact]
    public async Task A_run_without_a_base_image_fails_asking_for_one()
    {
        var (summary, details) = await fixture.Instance.RunAsync(Silo.Node, RunMode.PrImage, options: new RunOptions { PullRequest = 7 });

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Equal("a pr-image run needs a base image (--image): the image whose SGLang checkout is updated", summary.Reason);
        Assert.Empty(details.Checks);
    }

    [Fact]
    public async Task A_bare_metal_node_is_refused_before_anything_runs()
    {
        fixture.Git.PushPullRequest(9, ("python/sglang/srt/server.py", "print('pr 9')\n"));
        var node = await fixture.Instance.AddNodeAsync("primage-bare-metal", EngineRuntimeKind.Process);
        var checkout = fixture.Git.NewCheckout("bare-metal-checkout");

        var refused = await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Instance.RunAsync(node.Name, RunMode.PrImage, options: new RunOptions { PullRequest = 9, SglangPath = checkout }, image: BaseImage));

        Assert.EndsWith($"node {node.Name} runs on bare metal, which cannot keep images: a pr-image run needs a Docker node", refused.Message, StringComparison.Ordinal);
        Assert.Equal(fixture.Git.MainSha, HeadOf(checkout));
    }

    [Fact]
    public async Task A_remote_with_credentials_in_the_runs_options_is_refused_when_the_run_is_asked_for()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Instance.RunAsync(Silo.Node, RunMode.PrImage, options: new RunOptions { PullRequest = 7, GitRemote = "https://bot:tok@github.com/x/sglang.git" }, image: BaseImage));

        Assert.Contains("git remote 'https://<redacted>@github.com/x/sglang.git' carries credentials", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok@", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A simulated node runs a PR image's scripts on its host; a job's environment must not be able to ask for
    /// that, nor point them at another folder.</summary>
    [Theory]
    [InlineData(RunMode.PrImage)]
    [InlineData(RunMode.UpstreamTest)]
    public async Task A_jobs_environment_naming_the_checkout_variable_is_refused_and_runs_nothing_on_the_host(RunMode mode)
    {
        var options = new RunOptions
        {
            PullRequest = mode == RunMode.PrImage ? 7 : null,
            Tests = mode == RunMode.UpstreamTest ? ["test_abort.py"] : null,
            Environment = new Dictionary<string, string> { ["SGLCI_SGLANG_CHECKOUT"] = fixture.Git.Root },
        };

        var (summary, _) = await fixture.Instance.RunAsync(Silo.Node, mode, options: options, image: BaseImage);

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Contains("environment entry 'SGLCI_SGLANG_CHECKOUT' is not allowed", summary.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pr 0", "--pr: pull request number must be positive; got 0")]
    [InlineData("--branch a;b", "--branch: branch 'a;b' holds ';'")]
    [InlineData("--pr 7 --branch main", "give a pull request or a branch, not both")]
    [InlineData("--pr 7 --remote https://bot:tok@github.com/x/sglang.git", "--remote 'https://<redacted>@github.com/x/sglang.git' carries credentials")]
    [InlineData("", "a PR image needs a pull request number or a branch")]
    public async Task Cli_refuses_bad_arguments_with_exit_2_naming_the_option(string arguments, string message)
    {
        var cli = new CliRunner(RepositoryLayout.Discover().CliAssembly, ["--gateway", fixture.Instance.Gateway]);

        var result = await cli.RunAsync(
            TimeSpan.FromMinutes(1), ["pr-image", "--node", Silo.Node, "--image", BaseImage, .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("tok@", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    private static string HeadOf(string checkout) => GitSandbox.Git(checkout, "rev-parse", "HEAD");

    /// <summary>One silo, one simulated node, one sandbox for the class: the runs share nothing but the remote.</summary>
    public sealed class Silo : IAsyncLifetime
    {
        public const string Node = "primage-sim";

        public GitSandbox Git { get; } = new();

        public InProcessSilo Instance { get; private set; } = null!;

        /// <summary>A file of a kept image's checkout, where the simulated runtime keeps it by default.</summary>
        public string KeptFile(string tag, string path) => Path.GetFullPath(Path.Combine(Instance.DataDirectory, "simulated-images", tag, "sglang", path));

        public async Task InitializeAsync()
        {
            Instance = await InProcessSilo.StartAsync(new Dictionary<string, string?>
            {
                ["SglangCi:Upstream:GitRemote"] = Git.Upstream,
                ["SglangCi:Simulator:SglangSource"] = Git.NewCheckout("base-image-checkout"),
            });
            await Instance.AddNodeAsync(Node, EngineRuntimeKind.Simulated);
        }

        public async Task DisposeAsync()
        {
            await Instance.DisposeAsync();
            Git.Dispose();
        }
    }
}
