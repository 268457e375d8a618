using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SglangCi.Silo.Hosting;
using SglangCi.Web.Security;

namespace SglangCi.Integration.Tests.Web;

/// <summary>
/// The dashboard's access token (configured, or generated once into the data directory and kept there) and the
/// return URLs of sign-in and sign-out, which must never lead off the site.
/// </summary>
public sealed class DashboardAccessTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "sglci-access-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_configured_token_is_the_only_one_that_matches_and_no_file_is_written()
    {
        var token = Create(" s3cret-token ");

        Assert.True(token.Matches("s3cret-token"));
        Assert.True(token.Matches("s3cret-token\n"), "a pasted token with a trailing newline");
        Assert.False(token.Matches("s3cret-tokeN"));
        Assert.False(token.Matches(""));
        Assert.False(token.Matches(null));
        Assert.Contains("SglangCi:Dashboard:AccessToken", token.Source);
        Assert.False(File.Exists(TokenFile));
    }

    [Fact]
    public void Without_configuration_a_token_is_generated_once_readable_by_its_owner_only_and_kept_across_restarts()
    {
        var first = Create(null);

        Assert.True(File.Exists(TokenFile));
        var written = File.ReadAllText(TokenFile).Trim();
        Assert.True(written.Length >= 32, $"a generated token of {written.Length} characters is too guessable");
        Assert.True(first.Matches(written));
        Assert.Equal(TokenFile, first.Source);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokenFile));
        }

        var afterRestart = Create(null);
        Assert.True(afterRestart.Matches(written), "a restart must keep the generated token, not make a new one");
        Assert.Equal(written, File.ReadAllText(TokenFile).Trim());
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/nodes", true)]
    [InlineData("/runs/abc?x=1#y", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("nodes", false)]
    [InlineData("/a\r\nLocation: x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Return_urls_stay_on_the_site(string? url, bool local)
    {
        Assert.Equal(local, LocalUrl.IsLocal(url));
        Assert.Equal(local ? url : "/", LocalUrl.OrHome(url));
    }

    private string TokenFile => Path.Combine(_dataDirectory, DashboardAccessOptions.AccessTokenFileName);

    private AccessToken Create(string? configured) => new(
        Options.Create(new DashboardAccessOptions { AccessToken = configured }),
        new SglangCiEnvironment(_dataDirectory, "node"),
        NullLogger<AccessToken>.Instance);

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
