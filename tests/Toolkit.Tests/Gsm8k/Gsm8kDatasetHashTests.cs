using System.Text;
using SglangCi.Toolkit.Gsm8k;

namespace SglangCi.Toolkit.Tests.Gsm8k;

/// <summary>The sha256 check of downloaded and cached GSM8K files; a configured local path is never hashed.</summary>
public sealed class Gsm8kDatasetHashTests : IDisposable
{
    private readonly string _cacheDir = Path.Combine(Path.GetTempPath(), $"sglci-gsm8k-hash-{Guid.NewGuid():N}");
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
    public async Task OfficialHash_IsThatOfTheSharedReferenceFile()
    {
        Assert.Equal(Gsm8kDatasetSource.OfficialSha256, await Gsm8kDatasetSource.ComputeSha256Async(TestPaths.Gsm8kTestFile));
    }

    [Fact]
    public async Task DownloadWithAnotherHash_IsRejected_NamingBothHashes_AndLeavesNoFile()
    {
        // A valid GSM8K file, but not the official one (its first two items only).
        var lines = File.ReadLines(TestPaths.Gsm8kTestFile).Take(2);
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        using var server = new LoopbackFileServer(() => bytes);
        var source = new Gsm8kDatasetSource(_http, _cacheDir, downloadUrl: server.Url("test.jsonl"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => source.ResolvePathAsync());

        Assert.Contains(Gsm8kDatasetSource.OfficialSha256, ex.Message, StringComparison.Ordinal);
        Assert.Contains(actual, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(source.CachedFilePath));
        Assert.Empty(Directory.GetFiles(Path.Combine(_cacheDir, "gsm8k")));
    }

    [Fact]
    public async Task CorruptedCachedFile_IsRejected_NamingBothHashes()
    {
        var cached = Path.Combine(_cacheDir, "gsm8k", "test.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        File.WriteAllLines(cached, File.ReadLines(TestPaths.Gsm8kTestFile).Take(3));
        var source = new Gsm8kDatasetSource(_http, _cacheDir, downloadUrl: new Uri("http://127.0.0.1:9/never"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => source.ResolvePathAsync());

        Assert.Contains(Gsm8kDatasetSource.OfficialSha256, ex.Message, StringComparison.Ordinal);
        Assert.Contains(await Gsm8kDatasetSource.ComputeSha256Async(cached), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficialCachedFile_IsAccepted_WithoutDownload()
    {
        var cached = Path.Combine(_cacheDir, "gsm8k", "test.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        File.Copy(TestPaths.Gsm8kTestFile, cached);
        var source = new Gsm8kDatasetSource(_http, _cacheDir, downloadUrl: new Uri("http://127.0.0.1:9/never"));

        Assert.Equal(cached, await source.ResolvePathAsync());
        Assert.Equal(cached, await source.ResolvePathAsync());
    }

    [Fact]
    public async Task LocalPath_IsNotHashChecked()
    {
        var local = Path.Combine(_cacheDir, "mine.jsonl");
        Directory.CreateDirectory(_cacheDir);
        File.WriteAllLines(local, File.ReadLines(TestPaths.Gsm8kTestFile).Take(3));
        var source = new Gsm8kDatasetSource(_http, _cacheDir, localPath: local);

        Assert.Equal(3, (await source.LoadAsync()).Count);
    }
}
