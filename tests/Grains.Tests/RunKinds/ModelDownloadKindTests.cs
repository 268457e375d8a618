using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.RunKinds;
using SglangCi.Silo.RunKinds.ModelDownload;
using SglangCi.Toolkit.Downloads;
using SglangCi.Toolkit.Tests.Downloads;

namespace SglangCi.Grains.Tests.RunKinds;

/// <summary>Model-download runs through the pipeline against a loopback Hugging Face Hub, into a temporary base directory.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ModelDownloadKindTests(ClusterFixture fixture) : IDisposable
{
    private const string Hardware = "dltest";
    private const string TinyRepo = "test-org/tiny-model";

    /// <summary>TINY exists on the mirror, MISSING does not; both are for <see cref="Hardware"/>, OTHER only for mi35x.</summary>
    private static readonly ModelDownloadCatalog Catalog = ModelDownloadCatalog.Parse(
        """
        {
          "models": {
            "TINY": { "hfRepo": "test-org/tiny-model", "localDir": "test-org--tiny-model", "approxSizeGb": 0.001, "hardware": ["dltest"] },
            "MISSING": { "hfRepo": "test-org/absent", "localDir": "test-org--absent", "approxSizeGb": 0.001, "hardware": ["dltest"] },
            "OTHER": { "hfRepo": "test-org/tiny-model", "localDir": "other", "approxSizeGb": 0.001, "hardware": ["mi35x"] }
          }
        }
        """,
        "test catalog");

    private static readonly Dictionary<string, byte[]> Files = new(StringComparer.Ordinal)
    {
        ["config.json"] = "{\"architectures\":[\"Grok1ModelForCausalLM\"]}"u8.ToArray(),
        ["tokenizer/tokenizer_config.json"] = "{\"model_max_length\":8192}"u8.ToArray(),
        ["model-00001-of-00002.safetensors"] = Bytes(300_000, 1),
        ["model-00002-of-00002.safetensors"] = Bytes(200_000, 2),
    };

    private readonly HuggingFaceMirrorServer _hub = new();
    private readonly string _base = Path.Combine(Path.GetTempPath(), "sglci-dl-kind-" + Guid.NewGuid().ToString("N"));

    private static long RepoBytes => Files.Values.Sum(f => (long)f.Length);

    private string TinyDir => Path.Combine(_base, "test-org--tiny-model");

    [Fact]
    public async Task Downloads_the_hardwares_models_into_the_base_directory_and_a_second_run_finds_them_present()
    {
        var first = await RunAsync("dl-tiny", new RunOptions { Models = ["tiny"] });

        Assert.True(first.Status == RunStatus.Succeeded, first.Reason);
        var check = Assert.Single(first.Checks);
        Assert.Equal(("model TINY", CheckStatus.Passed, (double?)RepoBytes), (check.Name, check.Status, check.Value));
        Assert.StartsWith("downloaded 4 files, 500.1 KB in ", check.Detail);
        foreach (var (path, bytes) in Files)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(TinyDir, path)));
        }

        Assert.Empty(Directory.EnumerateFiles(TinyDir, "*" + ModelDownloader.IncompleteSuffix, SearchOption.AllDirectories));
        Assert.False(first.Leased);

        var second = await RunAsync("dl-tiny-again", new RunOptions { Models = ["TINY"] });
        Assert.True(second.Status == RunStatus.Succeeded, second.Reason);
        var again = Assert.Single(second.Checks);
        Assert.Equal((CheckStatus.Passed, (double?)0), (again.Status, again.Value));
        Assert.StartsWith("present, 0 bytes to fetch (4 files, 500.1 KB in ", again.Detail);
    }

    [Fact]
    public async Task Dry_run_writes_nothing_and_says_what_it_would_fetch()
    {
        var sink = await RunAsync("dl-dry", new RunOptions { Models = ["TINY"], DryRun = true });

        Assert.True(sink.Status == RunStatus.Succeeded, sink.Reason);
        var check = Assert.Single(sink.Checks);
        Assert.Equal(("model TINY", CheckStatus.Passed, (double?)RepoBytes), (check.Name, check.Status, check.Value));
        Assert.StartsWith("dry run: would fetch 4 files, 500.1 KB into ", check.Detail);
        Assert.False(Directory.Exists(_base), "a dry run writes nothing, not even the base directory");
        Assert.Equal(0, _hub.FileRequests("config.json"));
    }

    [Fact]
    public async Task A_repo_the_hub_does_not_have_fails_the_run_naming_the_model_and_the_others_still_download()
    {
        // No models option: every catalog entry of the node's hardware (TINY and MISSING), never OTHER (mi35x).
        var sink = await RunAsync("dl-missing", options: null);

        Assert.Equal(RunStatus.Failed, sink.Status);
        Assert.StartsWith("model download failed for 1 of 2 models: MISSING (", sink.Reason);
        Assert.Contains("404", sink.Reason);
        var checks = sink.Checks.ToDictionary(c => c.Name);
        Assert.Equal(["model MISSING", "model TINY"], checks.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(CheckStatus.Passed, checks["model TINY"].Status);
        Assert.Equal(CheckStatus.Failed, checks["model MISSING"].Status);
        Assert.Contains("test-org/absent", checks["model MISSING"].Detail);
        Assert.True(File.Exists(Path.Combine(TinyDir, "config.json")));
        Assert.False(Directory.Exists(Path.Combine(_base, "other")));
    }

    [Fact]
    public async Task No_models_in_the_catalog_for_the_hardware_skips_the_run()
    {
        var sink = await KindPipeline.RunAsync(fixture, Kind(), KindPipeline.Plan("dl-none", "dl-node", RunMode.ModelDownload, "h100"));

        Assert.Equal(RunStatus.Skipped, sink.Status);
        Assert.Equal("no models in the download catalog for hardware h100", sink.Reason);
        Assert.Empty(sink.Checks);
    }

    [Fact]
    public async Task A_key_the_catalog_does_not_have_fails_the_run_naming_the_catalogs_keys()
    {
        var sink = await RunAsync("dl-unknown", new RunOptions { Models = ["GROK9"] });

        Assert.Equal(RunStatus.Failed, sink.Status);
        Assert.Equal("model download: Unknown model 'GROK9'; the catalog (test catalog) has TINY, MISSING, OTHER.", sink.Reason);
    }

    [Fact]
    public async Task Running_out_of_time_stops_the_download_and_marks_the_rest_not_started()
    {
        var sink = await RunAsync("dl-timeout", new RunOptions { Models = ["TINY", "MISSING"], Timeout = TimeSpan.Zero });

        Assert.Equal(RunStatus.Failed, sink.Status);
        Assert.StartsWith("model download timed out after 00:00:00 during TINY (partial files kept for the next run to resume)", sink.Reason);
        Assert.Equal(
            [("model TINY", CheckStatus.TimedOut), ("model MISSING", CheckStatus.Skipped)],
            sink.Checks.Select(c => (c.Name, c.Status)));
    }

    [Fact]
    public async Task The_silo_registration_reads_base_directory_endpoint_and_catalog_from_configuration()
    {
        _hub.AddRepo(TinyRepo, Files);
        Directory.CreateDirectory(_base);
        var catalogFile = Path.Combine(_base, "models.json");
        await File.WriteAllTextAsync(catalogFile, """{ "models": { "TINY": { "hfRepo": "test-org/tiny-model", "localDir": "from-config", "approxSizeGb": 0.001, "hardware": ["dltest"] } } }""");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SglangCi:Downloads:BaseDirectory"] = Path.Combine(_base, "models"),
            ["SglangCi:Downloads:Endpoint"] = _hub.BaseUrl.AbsoluteUri,
            ["SglangCi:Downloads:Catalog"] = catalogFile,
        }).Build();
        using var provider = new ServiceCollection()
            .AddModelDownloadRunKind(configuration)
            .BuildServiceProvider();
        var kind = Assert.IsType<ModelDownloadKind>(Assert.Single(provider.GetServices<IRunKind>()));

        var sink = await KindPipeline.RunAsync(fixture, kind, KindPipeline.Plan("dl-configured", "dl-node", RunMode.ModelDownload, Hardware));

        Assert.True(sink.Status == RunStatus.Succeeded, sink.Reason);
        Assert.True(File.Exists(Path.Combine(_base, "models", "from-config", "config.json")));
    }

    [Fact]
    public async Task Progress_goes_to_the_log_every_interval_and_only_when_it_moved()
    {
        var progress = new DownloadProgressLog("TINY");
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var work = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var logging = progress.LogWhileAsync(work.Task, line =>
        {
            lines.Enqueue(line);
            return Task.CompletedTask;
        }, TimeSpan.FromMilliseconds(20), TimeProvider.System);

        progress.Report(new DownloadProgress(TinyRepo, "model-00001-of-00002.safetensors", 1, 4, 250_000, 1_000_000));
        await Eventually.Until(() => Task.FromResult(lines.Count), n => n >= 1, TimeSpan.FromSeconds(10), "first progress line");
        await Task.Delay(200);
        Assert.Single(lines);
        progress.Report(new DownloadProgress(TinyRepo, null, 4, 4, 1_000_000, 1_000_000));
        await Eventually.Until(() => Task.FromResult(lines.Count), n => n >= 2, TimeSpan.FromSeconds(10), "second progress line");
        work.SetResult(7);

        Assert.Equal(7, await logging);
        Assert.Equal(
            ["TINY: 1/4 files, 250.0 KB of 1.0 MB · model-00001-of-00002.safetensors (25%)", "TINY: 4/4 files, 1.0 MB of 1.0 MB (100%)"],
            lines);
    }

    public void Dispose()
    {
        _hub.Dispose();
        if (Directory.Exists(_base))
        {
            Directory.Delete(_base, recursive: true);
        }
    }

    private Task<RecordingRunSink> RunAsync(string runId, RunOptions? options)
    {
        _hub.AddRepo(TinyRepo, Files);
        return KindPipeline.RunAsync(fixture, Kind(), KindPipeline.Plan(runId, "dl-node", RunMode.ModelDownload, Hardware, options));
    }

    private ModelDownloadKind Kind() => new(
        new ModelDownloadSettings { BaseDirectory = _base, Endpoint = _hub.BaseUrl, ProgressInterval = TimeSpan.FromMilliseconds(50) },
        () => Catalog,
        () => new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
        environment: _ => null,
        download: new ModelDownloadOptions { RetryDelay = TimeSpan.FromMilliseconds(10) },
        availableBytes: _ => long.MaxValue);

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
