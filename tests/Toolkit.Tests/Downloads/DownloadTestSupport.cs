using SglangCi.Toolkit.Downloads;

namespace SglangCi.Toolkit.Tests.Downloads;

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => System.IO.Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sglci-dl-" + Guid.NewGuid().ToString("N"));

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Every file below the directory with its length, to prove a dry run changed nothing.</summary>
    public IReadOnlyList<string> Snapshot() =>
        System.IO.Directory.Exists(Path)
            ? System.IO.Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories)
                .Select(p => p + ":" + (File.Exists(p) ? new FileInfo(p).Length : -1))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

/// <summary>Builds repos, clients and downloaders against a <see cref="HuggingFaceMirrorServer"/> with a fake environment.</summary>
internal static class DownloadTestSupport
{
    public const string Repo = "test-org/tiny-model";

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A small repo: two git files (one in a subfolder) and two LFS shards.</summary>
    public static Dictionary<string, byte[]> TinyModel() => new(StringComparer.Ordinal)
    {
        ["config.json"] = "{\"architectures\":[\"Grok1ModelForCausalLM\"]}"u8.ToArray(),
        ["tokenizer/tokenizer_config.json"] = "{\"model_max_length\":8192}"u8.ToArray(),
        ["model-00001-of-00002.safetensors"] = RandomBytes(300_000, 1),
        ["model-00002-of-00002.safetensors"] = RandomBytes(200_000, 2),
    };

    public static HuggingFaceClient Client(HuggingFaceMirrorServer server, HttpClient http, IReadOnlyDictionary<string, string>? environment = null) =>
        new(http, new HuggingFaceOptions { Endpoint = server.BaseUrl, StallTimeout = TimeSpan.FromSeconds(10) }, name => environment?.GetValueOrDefault(name));

    public static ModelDownloader Downloader(HuggingFaceClient client, ModelDownloadOptions? options = null, Func<string, long>? availableBytes = null) =>
        new(client, (options ?? new ModelDownloadOptions()) with { RetryDelay = TimeSpan.FromMilliseconds(10) }, availableBytes ?? (_ => long.MaxValue));

    /// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool, racing the assertions).</summary>
    internal sealed class ProgressLog : IProgress<DownloadProgress>
    {
        private readonly List<DownloadProgress> _reports = [];

        public IReadOnlyList<DownloadProgress> Reports
        {
            get
            {
                lock (_reports)
                {
                    return [.. _reports];
                }
            }
        }

        public void Report(DownloadProgress value)
        {
            lock (_reports)
            {
                _reports.Add(value);
            }
        }
    }
}
