using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Toolkit.Tests.Gsm8k;

public sealed class Gsm8kDatasetSourceTests : IDisposable
{
    private readonly string _cacheDir = Path.Combine(Path.GetTempPath(), $"sglci-gsm8k-{Guid.NewGuid():N}");
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        if (Directory.Exists(_cacheDir))
        {
            Directory.Delete(_cacheDir, recursive: true);
        }
    }

    [Fact]
    public async Task LocalPath_IsUsedAsIs()
    {
        var source = new Gsm8kDatasetSource(_http, _cacheDir, localPath: TestPaths.Gsm8kTestFile, downloadUrl: new Uri("http://127.0.0.1:9/never"));

        Assert.Equal(TestPaths.Gsm8kTestFile, await source.ResolvePathAsync());
        Assert.False(Directory.Exists(_cacheDir));
    }

    [Fact]
    public async Task MissingLocalPath_IsAClearError_NotADownload()
    {
        var missing = Path.Combine(_cacheDir, "nope.jsonl");
        var source = new Gsm8kDatasetSource(_http, _cacheDir, localPath: missing);

        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => source.ResolvePathAsync());

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Equal(missing, ex.FileName);
    }

    [Fact]
    public async Task Download_FromLoopbackServer_ThenServedFromCache()
    {
        var bytes = await File.ReadAllBytesAsync(TestPaths.Gsm8kTestFile);
        using var server = new LoopbackFileServer(() => bytes);
        var source = new Gsm8kDatasetSource(_http, _cacheDir, downloadUrl: server.Url("grade_school_math/data/test.jsonl"));

        var items = await source.LoadAsync();
        var again = await source.ResolvePathAsync();

        Assert.Equal(1319, items.Count);
        Assert.Equal(Path.Combine(_cacheDir, "gsm8k", "test.jsonl"), again);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(again));
        Assert.Equal(1, server.Requests);
        Assert.Single(Directory.GetFiles(Path.Combine(_cacheDir, "gsm8k"))); // no temporary file left behind
    }

    [Fact]
    public async Task HttpError_ExplainsUrlAndHowToConfigure()
    {
        using var server = new LoopbackFileServer(() => null);
        var url = server.Url("test.jsonl");
        var source = new Gsm8kDatasetSource(_http, _cacheDir, downloadUrl: url);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => source.ResolvePathAsync());

        Assert.Contains(url.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("404", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Gsm8kDatasetSource.ConfigurationKey, ex.Message, StringComparison.Ordinal);
        Assert.Contains(Gsm8kDatasetSource.EnvironmentVariable, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(source.CachedFilePath));
    }

    [Fact]
    public async Task UnreachableServer_IsAnInvalidOperation()
    {
        // Port 9 (discard) on loopback has no listener here, so the connection is refused at once.
        var source = new Gsm8kDatasetSource(_http, _cacheDir, downloadUrl: new Uri("http://127.0.0.1:9/test.jsonl"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => source.ResolvePathAsync());

        Assert.Contains("http://127.0.0.1:9/test.jsonl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonDatasetBody_IsRejected_AndNotCached()
    {
        using var server = new LoopbackFileServer(() => "<html>captive portal</html>"u8.ToArray());
        var source = new Gsm8kDatasetSource(_http, _cacheDir, downloadUrl: server.Url("test.jsonl"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => source.ResolvePathAsync());

        Assert.Contains("not GSM8K JSONL", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(source.CachedFilePath));
        Assert.Empty(Directory.GetFiles(Path.Combine(_cacheDir, "gsm8k")));
    }
}
