using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Toolkit.Tests.Upstream.PrImages;

/// <summary>Remotes are refused when they could act as an option or end the script's line, and credentials never show.</summary>
public sealed class GitRemoteTests
{
    [Theory]
    [InlineData("https://github.com/sgl-project/sglang.git")]
    [InlineData("file:///srv/git/sglang.git")]
    [InlineData("/srv/git/sglang.git")]
    [InlineData("git@github.com:sgl-project/sglang.git")]
    public void Ordinary_remotes_are_taken_as_given(string url)
    {
        var remote = GitRemote.Parse(url);
        Assert.Equal(url, remote.Url);
        Assert.False(remote.HasCredentials);
    }

    [Fact]
    public void Credentials_in_a_url_are_hidden_wherever_it_is_shown()
    {
        var remote = GitRemote.Parse("https://bot:ghp_secret123@github.com/acme/sglang.git");

        Assert.True(remote.HasCredentials);
        Assert.Equal("https://<redacted>@github.com/acme/sglang.git", remote.Redacted);
        Assert.Equal("https://<redacted>@github.com/acme/sglang.git", remote.ToString());
        Assert.Equal(
            "fatal: unable to access 'https://<redacted>@github.com/acme/sglang.git/': The requested URL returned error: 403",
            GitRemote.Redact("fatal: unable to access 'https://bot:ghp_secret123@github.com/acme/sglang.git/': The requested URL returned error: 403"));
    }

    [Theory]
    [InlineData("", "git remote is empty")]
    [InlineData("   ", "git remote is empty")]
    [InlineData("--upload-pack=touch /tmp/x", "starts with '-'")]
    [InlineData("https://x.invalid/a.git\nrm -rf /", "holds a control character")]
    public void Remotes_that_could_break_git_or_the_script_are_refused(string url, string problem) =>
        Assert.Contains(problem, Assert.Throws<ArgumentException>(() => GitRemote.Parse(url)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_refused_remote_is_named_without_its_credentials() =>
        Assert.Equal(
            "git remote 'https://<redacted>@x.invalid/a\\x0a.git' holds a control character (a line break or tab)",
            Assert.Throws<ArgumentException>(() => GitRemote.Parse("https://u:tok@x.invalid/a\n.git")).Message);
}
