using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Toolkit.Tests.Upstream.PrImages;

/// <summary>What a PR image is built from: the refs and tags it gives, and the values it refuses with the value named.</summary>
public sealed class PrImageSourceTests
{
    private const string Sha = "1a2b3c4d5e6f708192a3b4c5d6e7f80912345678";

    [Fact]
    public void A_pull_request_fetches_its_head_and_is_tagged_as_the_old_script_did()
    {
        var source = PrImageSource.ForPullRequest(12345);

        Assert.Equal("refs/pull/12345/head", source.RemoteRef);
        Assert.Equal("PR #12345", source.Description);
        Assert.Equal(["sglang-pr12345", "sglang-pr12345-1a2b3c4"], PrImageTags.For(source, Sha));
    }

    [Theory]
    [InlineData("main", "sglang-branch-main")]
    [InlineData("release/v0.5.6", "sglang-branch-release-v0-5-6")]
    [InlineData("Feature__AMD_fix", "sglang-branch-feature-amd-fix")]
    public void A_branch_is_fetched_by_its_full_ref_and_tagged_with_a_docker_safe_name(string branch, string stem)
    {
        var source = PrImageSource.ForBranch(branch);

        Assert.Equal($"refs/heads/{branch}", source.RemoteRef);
        Assert.Equal([stem, $"{stem}-1a2b3c4"], PrImageTags.For(source, Sha));
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", stem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_pull_request_number_must_be_positive(int number)
    {
        var e = Assert.Throws<ArgumentException>(() => PrImageSource.ForPullRequest(number));
        Assert.Equal($"pull request number must be positive; got {number}", e.Message);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("-upload-pack=evil", "starts with '-'")]
    [InlineData("a..b", "holds '..'")]
    [InlineData("my branch", "holds ' '")]
    [InlineData("x'y", "holds '''")]
    [InlineData("x\"y", "holds '\"'")]
    [InlineData("a;reboot", "holds ';'")]
    [InlineData("a$(id)", "holds '$'")]
    [InlineData("a`id`", "holds '`'")]
    [InlineData("line\nbreak", "holds '\\x0a'")]
    [InlineData("/leading", "starts or ends with '/'")]
    [InlineData("x.lock", "ends with '.lock'")]
    public void Branch_names_that_could_break_the_shell_or_git_are_refused_naming_them(string branch, string problem)
    {
        var e = Assert.Throws<ArgumentException>(() => PrImageSource.ForBranch(branch));
        Assert.StartsWith("branch '", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_one_of_a_pull_request_and_a_branch()
    {
        Assert.Equal("give a pull request or a branch, not both (PR 7, branch 'main')", Assert.Throws<ArgumentException>(() => PrImageSource.From(7, "main")).Message);
        Assert.Equal("a PR image needs a pull request number or a branch", Assert.Throws<ArgumentException>(() => PrImageSource.From(null, null)).Message);
        Assert.Equal(7, PrImageSource.From(7, null).PullRequest);
        Assert.Equal("main", PrImageSource.From(null, "main").Branch);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1a2b3c4")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public void Tags_need_a_full_commit_id(string sha) =>
        Assert.Contains("is not a git commit id", Assert.Throws<ArgumentException>(() => PrImageTags.For(PrImageSource.ForPullRequest(1), sha)).Message, StringComparison.Ordinal);
}
