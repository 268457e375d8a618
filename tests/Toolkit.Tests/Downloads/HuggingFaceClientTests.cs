using System.Net;
using SglangCi.Toolkit.Downloads;
using static SglangCi.Toolkit.Tests.Downloads.DownloadTestSupport;

namespace SglangCi.Toolkit.Tests.Downloads;

public sealed class HuggingFaceClientTests : IDisposable
{
    private const string Token = "hf_TopSecretTokenValue1234567890";
    private readonly HuggingFaceMirrorServer _server = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task The_tree_listing_follows_link_pagination_and_reads_lfs_sizes_and_hashes()
    {
        var files = Enumerable.Range(1, 5).ToDictionary(i => $"dir{i % 2}/file{i}.bin", i => RandomBytes(1000 * i, i));
        _server.AddRepo(Repo, files, lfsThreshold: 2500);
        _server.PageSize = 2;

        var listed = await Client(_server, _http).ListFilesAsync(Repo);

        Assert.Equal(3, _server.TreeRequests);
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), listed.Select(f => f.Path));
        foreach (var file in listed)
        {
            var bytes = files[file.Path];
            Assert.Equal(bytes.Length, file.Size);
            Assert.Equal(bytes.Length >= 2500 ? HuggingFaceMirrorServer.Sha256(bytes) : null, file.Sha256);
        }

        Assert.Equal(HuggingFaceMirrorServer.GitBlobSha1(files["dir1/file1.bin"]), listed.Single(f => f.Path == "dir1/file1.bin").GitOid);
    }

    [Fact]
    public void The_next_link_is_found_among_several()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("Link", "<https://huggingface.co/api/x?cursor=a>; rel=\"prev\", </api/models/o/n/tree/main?cursor=b>; rel=\"next\"");

        var next = HuggingFaceClient.NextPage(response, new Uri("https://huggingface.co/api/models/o/n/tree/main?recursive=true"));

        Assert.Equal("https://huggingface.co/api/models/o/n/tree/main?cursor=b", next?.AbsoluteUri);
    }

    [Fact]
    public void Defaults_are_the_public_hub_and_main_and_HF_ENDPOINT_overrides()
    {
        var hub = new HuggingFaceClient(_http, environment: _ => null);
        var mirror = new HuggingFaceClient(_http, environment: name => name == "HF_ENDPOINT" ? "https://hf-mirror.example/" : null);

        Assert.Equal("https://huggingface.co/amd/grok-1-W4A8KV8/resolve/main/sub%20dir/model.safetensors",
            hub.ResolveUrl("amd/grok-1-W4A8KV8", "sub dir/model.safetensors").AbsoluteUri);
        Assert.Equal("https://huggingface.co/x/y/resolve/refs%2Fpr%2F1/a.json", hub.ResolveUrl("x/y", "a.json", "refs/pr/1").AbsoluteUri);
        Assert.Equal("https://hf-mirror.example/", mirror.Options.Endpoint.AbsoluteUri);
        Assert.False(hub.HasToken);
        Assert.Throws<ArgumentException>(() => hub.ResolveUrl("../etc/passwd", "x"));
    }

    [Fact]
    public async Task The_token_is_sent_as_a_bearer_header_but_never_appears_in_errors_or_progress()
    {
        _server.AddRepo(Repo, TinyModel());
        _server.RequiredToken = Token;
        var client = Client(_server, _http, new Dictionary<string, string> { ["HF_TOKEN"] = Token });
        var progress = new ProgressLog();

        await Downloader(client).DownloadAsync(Repo, _temp.Combine("m"), progress);
        var missing = await Assert.ThrowsAsync<ModelDownloadException>(() => client.OpenFileAsync(Repo, "no-such-file.bin", 0));
        var missingRepo = await Assert.ThrowsAsync<ModelDownloadException>(() => client.ListFilesAsync("test-org/absent"));

        Assert.True(client.HasToken);
        Assert.All(_server.AuthorizationHeaders, h => Assert.Equal($"Bearer {Token}", h));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        foreach (var text in new[] { missing.ToString(), missingRepo.ToString(), client.ToString()!, client.Options.ToString() }
                     .Concat(progress.Reports.Select(p => p.ToString())))
        {
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_or_missing_token_gives_a_clear_message_without_the_token()
    {
        _server.AddRepo(Repo, TinyModel());
        _server.RequiredToken = Token;
        const string wrong = "hf_WrongTokenValue";

        var wrongClient = new HuggingFaceClient(_http, new HuggingFaceOptions { Endpoint = _server.BaseUrl, TokenVariable = "MY_TOKEN" }, n => n == "MY_TOKEN" ? wrong : null);
        var withWrong = await Assert.ThrowsAsync<ModelDownloadException>(() => wrongClient.ListFilesAsync(Repo));
        var withNone = await Assert.ThrowsAsync<ModelDownloadException>(() => Client(_server, _http).ListFilesAsync(Repo));

        Assert.Contains("the token in MY_TOKEN has no access", withWrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, withWrong.ToString(), StringComparison.Ordinal);
        Assert.Contains("no token was found; set HF_TOKEN", withNone.Message, StringComparison.Ordinal);
        Assert.False(withNone.Transient);
    }

    [Fact]
    public async Task The_token_file_of_huggingface_cli_login_is_used_when_the_variable_is_unset()
    {
        _server.AddRepo(Repo, TinyModel());
        _server.RequiredToken = Token;
        await File.WriteAllTextAsync(_temp.Combine("token"), Token + "\n");

        var client = Client(_server, _http, new Dictionary<string, string> { ["HF_HOME"] = _temp.Path });
        var files = await client.ListFilesAsync(Repo);

        Assert.Equal(4, files.Count);
    }
}
