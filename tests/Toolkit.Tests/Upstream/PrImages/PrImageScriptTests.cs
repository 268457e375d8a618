using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Toolkit.Tests.Upstream.PrImages;

/// <summary>
/// The generated scripts run with /bin/sh against real git repositories (<see cref="GitSandbox"/>): the facts they print
/// are read back by <see cref="PrImageOutput"/>, and every way they stop says which one it was.
/// </summary>
public sealed class PrImageScriptTests : IDisposable
{
    private readonly GitSandbox _git = new();

    public void Dispose() => _git.Dispose();

    private GitRemote Remote => GitRemote.Parse(_git.Upstream);

    [Fact]
    public void Resolve_reports_the_checkouts_commit_and_the_pull_requests_head_without_changing_the_checkout()
    {
        var head = _git.PushPullRequest(7, ("python/sglang/srt/server.py", "print('pr 7')\n"));
        var checkout = _git.NewCheckout();

        var (exitCode, text) = GitSandbox.RunScript(PrImageScript.Resolve(Remote, PrImageSource.ForPullRequest(7)), checkout);
        var output = PrImageOutput.Parse(text);

        Assert.True(exitCode == 0, text);
        Assert.Equal(checkout, output.Checkout);
        Assert.Equal(_git.MainSha, output.BaseSha);
        Assert.Equal(head, output.RemoteSha);
        Assert.Null(output.Failure);
        Assert.Equal(_git.MainSha, GitSandbox.Git(checkout, "rev-parse", "HEAD"));
    }

    [Fact]
    public void Update_checks_the_pull_request_out_and_lists_the_changed_files()
    {
        var head = _git.PushPullRequest(7, ("python/sglang/srt/server.py", "print('pr 7')\n"), ("python/sglang/srt/new_module.py", "x = 1\n"));
        var checkout = _git.NewCheckout();

        var (exitCode, text) = GitSandbox.RunScript(PrImageScript.Update(Remote, PrImageSource.ForPullRequest(7), head), checkout);
        var output = PrImageOutput.Parse(text);

        Assert.True(exitCode == 0, text);
        Assert.Equal(head, output.NewSha);
        Assert.Equal(_git.MainSha, output.BaseSha);
        Assert.Equal(["python/sglang/srt/new_module.py", "python/sglang/srt/server.py"], output.ChangedFiles.Order(StringComparer.Ordinal));
        Assert.False(output.ChangesUnknown);
        Assert.Equal(head, GitSandbox.Git(checkout, "rev-parse", "HEAD"));
        Assert.Equal("print('pr 7')\n", File.ReadAllText(Path.Combine(checkout, "python/sglang/srt/server.py")));
    }

    [Fact]
    public void Update_of_a_branch_lists_a_dependency_file_that_changed()
    {
        var head = _git.PushBranch("release/v0.5", ("python/pyproject.toml", "[project]\nname = \"sglang\"\ndependencies = [\"torch==9\"]\n"));
        var checkout = _git.NewCheckout();

        var (exitCode, text) = GitSandbox.RunScript(PrImageScript.Update(Remote, PrImageSource.ForBranch("release/v0.5"), head), checkout);
        var output = PrImageOutput.Parse(text);

        Assert.True(exitCode == 0, text);
        Assert.Equal(["python/pyproject.toml"], output.ChangedFiles);
        Assert.Equal("python/pyproject.toml", Assert.Single(DependencyChanges.Find(output.ChangedFiles)).File);
    }

    [Fact]
    public void A_file_moved_out_of_sgl_kernel_counts_as_a_change_there()
    {
        var head = _git.PushPullRequestMoving(9, GitSandbox.KernelFile, "python/sglang/srt/kernel.cu");
        var checkout = _git.NewCheckout();

        var (exitCode, text) = GitSandbox.RunScript(PrImageScript.Update(Remote, PrImageSource.ForPullRequest(9), head), checkout);
        var output = PrImageOutput.Parse(text);

        Assert.True(exitCode == 0, text);
        Assert.Equal(["python/sglang/srt/kernel.cu", GitSandbox.KernelFile], output.ChangedFiles.Order(StringComparer.Ordinal));
        Assert.Equal(GitSandbox.KernelFile, Assert.Single(DependencyChanges.Find(output.ChangedFiles)).File);
    }

    [Fact]
    public void A_pull_request_that_does_not_exist_is_no_such_ref_and_git_is_not_asked_to_fetch()
    {
        var checkout = _git.NewCheckout();

        var (exitCode, text) = GitSandbox.RunScript(PrImageScript.Resolve(Remote, PrImageSource.ForPullRequest(99)), checkout);
        var output = PrImageOutput.Parse(text);

        Assert.Equal(1, exitCode);
        Assert.Equal(PrImageFailureKind.NoSuchRef, output.Failure);
        Assert.Contains("refs/pull/99/head", output.ErrorLine, StringComparison.Ordinal);
        Assert.Null(output.RemoteSha);
    }

    [Fact]
    public void A_remote_that_is_not_there_is_unreachable_with_gits_own_error()
    {
        var checkout = _git.NewCheckout();
        var missing = GitRemote.Parse(Path.Combine(_git.Root, "no-such-repo.git"));

        var (exitCode, text) = GitSandbox.RunScript(PrImageScript.Resolve(missing, PrImageSource.ForPullRequest(7)), checkout);
        var output = PrImageOutput.Parse(text);

        Assert.Equal(1, exitCode);
        Assert.Equal(PrImageFailureKind.Unreachable, output.Failure);
        Assert.StartsWith("fatal:", output.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_checkout_and_a_folder_that_is_no_checkout_are_told_apart()
    {
        var nowhere = GitSandbox.RunScript(PrImageScript.Resolve(Remote, PrImageSource.ForPullRequest(7)), Path.Combine(_git.Root, "absent"));
        var unset = GitSandbox.RunScript(PrImageScript.Resolve(Remote, PrImageSource.ForPullRequest(7)), checkout: null);
        var plain = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sglci-not-a-repo-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        try
        {
            var notGit = GitSandbox.RunScript(PrImageScript.Resolve(Remote, PrImageSource.ForPullRequest(7)), plain);

            Assert.Equal(PrImageFailureKind.NoCheckout, PrImageOutput.Parse(nowhere.Output).Failure);
            Assert.Equal(PrImageFailureKind.NoCheckout, PrImageOutput.Parse(unset.Output).Failure);
            Assert.Equal(PrImageFailureKind.NotARepository, PrImageOutput.Parse(notGit.Output).Failure);
            Assert.All(new[] { nowhere.ExitCode, unset.ExitCode, notGit.ExitCode }, code => Assert.Equal(1, code));
        }
        finally
        {
            Directory.Delete(plain, recursive: true);
        }
    }

    [Fact]
    public void A_pull_request_that_moved_after_the_resolve_is_refused_and_the_checkout_is_left_alone()
    {
        var first = _git.PushPullRequest(7, ("python/sglang/srt/server.py", "print('first push')\n"));
        var second = _git.PushPullRequest(7, ("python/sglang/srt/server.py", "print('second push')\n"));
        var checkout = _git.NewCheckout();

        var (exitCode, text) = GitSandbox.RunScript(PrImageScript.Update(Remote, PrImageSource.ForPullRequest(7), first), checkout);
        var output = PrImageOutput.Parse(text);

        Assert.Equal(1, exitCode);
        Assert.Equal(PrImageFailureKind.Moved, output.Failure);
        Assert.Equal(second, output.RemoteSha);
        Assert.Equal(_git.MainSha, GitSandbox.Git(checkout, "rev-parse", "HEAD"));
    }

    [Fact]
    public void The_remote_is_single_quoted_so_shell_characters_in_it_stay_inert()
    {
        var command = PrImageScript.Resolve(GitRemote.Parse("https://example.invalid/x.git'; touch /tmp/pwned; echo '"), PrImageSource.ForPullRequest(1));

        Assert.Equal("sh", command[0]);
        Assert.Equal("-c", command[1]);
        Assert.Contains("'https://example.invalid/x.git'\\''; touch /tmp/pwned; echo '\\'''", command[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Update_refuses_a_commit_id_that_is_not_one()
    {
        var e = Assert.Throws<ArgumentException>(() => PrImageScript.Update(Remote, PrImageSource.ForPullRequest(7), "main; rm -rf /"));
        Assert.Contains("'main; rm -rf /' is not a git commit id", e.Message, StringComparison.Ordinal);
    }
}
