using System.Globalization;
using System.Text.RegularExpressions;
using SglangCi.Toolkit.Downloads;
using static SglangCi.Toolkit.Tests.Downloads.DownloadTestSupport;

namespace SglangCi.Toolkit.Tests.Downloads;

public sealed class ModelDownloaderTests : IDisposable
{
    private const string Shard1 = "model-00001-of-00002.safetensors";
    private readonly HuggingFaceMirrorServer _server = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, byte[]> _files = TinyModel();

    public ModelDownloaderTests() => _server.AddRepo(Repo, _files);

    private string ModelDir => _temp.Combine("models", "tiny");

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Downloads_every_file_to_its_repo_path_and_verifies_hashes()
    {
        var progress = new ProgressLog();
        var result = await Downloader(Client(_server, _http)).DownloadAsync(Repo, ModelDir, progress);

        foreach (var (path, bytes) in _files)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(ModelDir, path)));
        }

        Assert.Empty(Directory.EnumerateFiles(ModelDir, "*" + ModelDownloader.IncompleteSuffix, SearchOption.AllDirectories));
        Assert.Equal(4, result.FilesDownloaded);
        Assert.Equal(_files.Values.Sum(b => (long)b.Length), result.BytesTransferred);
        Assert.True(result.Plan.Files.Single(f => f.File.Path == Shard1).File.IsLfs);
        Assert.False(result.Plan.Files.Single(f => f.File.Path == "config.json").File.IsLfs);

        var last = progress.Reports[^1];
        Assert.Equal((4, 4), (last.FilesDone, last.FilesTotal));
        Assert.Equal(last.BytesTotal, last.BytesDone);
        Assert.Equal(result.Plan.TotalBytes, last.BytesTotal);
        Assert.All(progress.Reports, p => Assert.Equal(Repo, p.Repo));

        Assert.Equal(Repo, DownloadMarker.Read(ModelDir)?.Repo);
        Assert.Equal(LocalModelState.Present, LocalModelStatus.Inspect(ModelDir, approxBytes: 1).State);
    }

    [Fact]
    public async Task An_interrupted_transfer_resumes_with_a_range_request_and_ends_with_the_right_bytes()
    {
        _server.FailOnceAfter(Shard1, 100_000);

        var result = await Downloader(Client(_server, _http)).DownloadAsync(Repo, ModelDir);

        // The server sent 100000 bytes before resetting; a reset may drop bytes still in flight, never add any.
        var range = Assert.Single(_server.RangeHeaders);
        Assert.Matches($@"^{Regex.Escape(Shard1)}: bytes=\d+-$", range);
        var resumedFrom = long.Parse(range[(range.IndexOf('=', StringComparison.Ordinal) + 1)..^1], CultureInfo.InvariantCulture);
        Assert.InRange(resumedFrom, 1, 100_000);
        Assert.Equal(2, _server.FileRequests(Shard1));
        Assert.Equal(_files[Shard1], await File.ReadAllBytesAsync(Path.Combine(ModelDir, Shard1)));
        Assert.False(File.Exists(Path.Combine(ModelDir, Shard1 + ModelDownloader.IncompleteSuffix)));
        Assert.Equal(_files.Values.Sum(b => (long)b.Length), result.BytesTransferred);
    }

    [Fact]
    public async Task A_partial_file_left_by_an_earlier_run_is_resumed_from_its_length()
    {
        Directory.CreateDirectory(ModelDir);
        await File.WriteAllBytesAsync(Path.Combine(ModelDir, Shard1 + ModelDownloader.IncompleteSuffix), _files[Shard1][..50_000]);

        var downloader = Downloader(Client(_server, _http));
        var plan = await downloader.PlanAsync(Repo, ModelDir);
        var planned = plan.Files.Single(f => f.File.Path == Shard1);
        Assert.Equal((LocalFileState.Partial, 50_000L, 250_000L), (planned.State, planned.LocalBytes, planned.BytesToDownload));

        var result = await downloader.DownloadAsync(Repo, ModelDir);

        Assert.Equal([$"{Shard1}: bytes=50000-"], _server.RangeHeaders);
        Assert.Equal(_files[Shard1], await File.ReadAllBytesAsync(Path.Combine(ModelDir, Shard1)));
        Assert.Equal(_files.Values.Sum(b => (long)b.Length) - 50_000, result.BytesTransferred);
    }

    [Fact]
    public async Task Files_already_complete_are_not_downloaded_again()
    {
        var downloader = Downloader(Client(_server, _http));
        await downloader.DownloadAsync(Repo, ModelDir);

        var second = await downloader.DownloadAsync(Repo, ModelDir);
        var verified = await Downloader(Client(_server, _http), new ModelDownloadOptions { Verify = true }).DownloadAsync(Repo, ModelDir);

        Assert.All(_files.Keys, path => Assert.Equal(1, _server.FileRequests(path)));
        Assert.Equal((0, 0L), (second.FilesDownloaded, second.BytesTransferred));
        Assert.Equal((0, 0L), (verified.FilesDownloaded, verified.BytesTransferred));
        Assert.True(second.Plan.IsComplete);
    }

    [Fact]
    public async Task A_same_size_corrupt_file_is_skipped_on_size_alone_but_replaced_with_verify()
    {
        var downloader = Downloader(Client(_server, _http));
        await downloader.DownloadAsync(Repo, ModelDir);
        var target = Path.Combine(ModelDir, Shard1);
        await File.WriteAllBytesAsync(target, RandomBytes(_files[Shard1].Length, 99));

        var sizeOnly = await downloader.PlanAsync(Repo, ModelDir);
        Assert.Equal(LocalFileState.Complete, sizeOnly.Files.Single(f => f.File.Path == Shard1).State);

        var result = await Downloader(Client(_server, _http), new ModelDownloadOptions { Verify = true }).DownloadAsync(Repo, ModelDir);

        Assert.Equal(1, result.FilesDownloaded);
        Assert.Equal(LocalFileState.Stale, result.Plan.Files.Single(f => f.File.Path == Shard1).State);
        Assert.Equal(_files[Shard1], await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task A_hash_mismatch_fails_naming_the_file_and_leaves_no_file_behind()
    {
        _server.ServeInstead(Shard1, RandomBytes(_files[Shard1].Length, 42));

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() =>
            Downloader(Client(_server, _http), new ModelDownloadOptions { MaxParallelFiles = 1 }).DownloadAsync(Repo, ModelDir));

        Assert.Contains($"{Repo}/{Shard1}", error.Message, StringComparison.Ordinal);
        Assert.Contains("sha256 mismatch", error.Message, StringComparison.Ordinal);
        Assert.Contains(HuggingFaceMirrorServer.Sha256(_files[Shard1]), error.Message, StringComparison.Ordinal);
        Assert.False(error.Transient);
        Assert.False(File.Exists(Path.Combine(ModelDir, Shard1)));
        Assert.False(File.Exists(Path.Combine(ModelDir, Shard1 + ModelDownloader.IncompleteSuffix)));
        Assert.Null(DownloadMarker.Read(ModelDir));
    }

    [Fact]
    public async Task A_corrupt_plain_git_file_is_caught_by_its_blob_sha1()
    {
        _server.ServeInstead("config.json", "{\"architectures\":[\"Grok1ModelForCausalLX\"]}"u8.ToArray());

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader(Client(_server, _http)).DownloadAsync(Repo, ModelDir));

        Assert.Contains($"{Repo}/config.json: git-sha1 mismatch", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(ModelDir, "config.json")));
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_and_reports_sizes_and_what_is_there()
    {
        Directory.CreateDirectory(Path.Combine(ModelDir, "tokenizer"));
        await File.WriteAllBytesAsync(Path.Combine(ModelDir, "config.json"), _files["config.json"]);
        await File.WriteAllBytesAsync(Path.Combine(ModelDir, Shard1 + ModelDownloader.IncompleteSuffix), _files[Shard1][..1000]);
        var before = _temp.Snapshot();

        var result = await Downloader(Client(_server, _http), new ModelDownloadOptions { DryRun = true }).DownloadAsync(Repo, ModelDir);

        Assert.Equal(before, _temp.Snapshot());
        Assert.True(result.DryRun);
        Assert.All(_files.Keys, path => Assert.Equal(0, _server.FileRequests(path)));
        var plan = result.Plan;
        var total = _files.Values.Sum(b => (long)b.Length);
        Assert.Equal(total, plan.TotalBytes);
        Assert.Equal(_files["config.json"].Length + 1000, plan.PresentBytes);
        Assert.Equal(total - plan.PresentBytes, plan.BytesToDownload);
        Assert.Equal(1, plan.CompleteFiles);
        Assert.Equal(LocalFileState.Partial, plan.Files.Single(f => f.File.Path == Shard1).State);
        Assert.Equal(LocalFileState.Missing, plan.Files.Single(f => f.File.Path == "tokenizer/tokenizer_config.json").State);
    }

    [Fact]
    public async Task A_dry_run_into_a_new_directory_does_not_create_it()
    {
        var target = _temp.Combine("never", "created");

        var result = await Downloader(Client(_server, _http), new ModelDownloadOptions { DryRun = true }).DownloadAsync(Repo, target);

        Assert.False(Directory.Exists(_temp.Combine("never")));
        Assert.Equal(result.Plan.TotalBytes, result.Plan.BytesToDownload);
    }

    [Fact]
    public async Task Not_enough_disk_space_fails_before_writing_anything()
    {
        string? asked = null;
        var downloader = Downloader(Client(_server, _http), availableBytes: dir =>
        {
            asked = dir;
            return 100_000;
        });

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.DownloadAsync(Repo, ModelDir));

        Assert.Contains("Not enough disk space", error.Message, StringComparison.Ordinal);
        Assert.Contains("500.1 KB still to download", error.Message, StringComparison.Ordinal);
        Assert.Contains("100.0 KB free", error.Message, StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(ModelDir), asked);
        Assert.False(Directory.Exists(ModelDir));
        Assert.All(_files.Keys, path => Assert.Equal(0, _server.FileRequests(path)));
    }

    [Fact]
    public async Task The_disk_check_counts_only_the_bytes_still_missing()
    {
        await Downloader(Client(_server, _http)).DownloadAsync(Repo, ModelDir);

        var again = await Downloader(Client(_server, _http), availableBytes: _ => 0).DownloadAsync(Repo, ModelDir);

        Assert.Equal(0, again.FilesDownloaded);
    }

    [Fact]
    public async Task Cancellation_stops_the_download()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Downloader(Client(_server, _http)).DownloadAsync(Repo, ModelDir, ct: cts.Token));
    }

    [Fact]
    public async Task A_listing_with_a_path_outside_the_directory_is_refused()
    {
        _server.AddRepo("evil/model", new Dictionary<string, byte[]> { ["../escape.txt"] = [1, 2, 3] });

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader(Client(_server, _http)).DownloadAsync("evil/model", ModelDir));

        Assert.Contains("unsafe path '../escape.txt'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.Combine("models", "escape.txt")));
    }

    [Fact]
    public async Task A_catalog_entry_downloads_into_its_local_dir_under_the_base_directory()
    {
        var entry = new ModelDownloadEntry("TINY", Repo, "test-org--tiny", 0.0005, ["mi35x"]);

        await Downloader(Client(_server, _http)).DownloadAsync(entry, _temp.Path);

        Assert.True(File.Exists(_temp.Combine("test-org--tiny", Shard1)));
        var status = LocalModelStatus.Inspect(entry.LocalPath(_temp.Path), (long)(entry.ApproxSizeGb * 1e9));
        Assert.Equal((LocalModelState.Present, 4), (status.State, status.Files));
    }

    [Fact]
    public async Task Status_reports_missing_and_partial_directories()
    {
        Assert.Equal(LocalModelState.Missing, LocalModelStatus.Inspect(ModelDir, 1000).State);

        Directory.CreateDirectory(ModelDir);
        await File.WriteAllBytesAsync(Path.Combine(ModelDir, "config.json"), _files["config.json"]);
        await File.WriteAllBytesAsync(Path.Combine(ModelDir, Shard1 + ModelDownloader.IncompleteSuffix), new byte[10]);
        var partial = LocalModelStatus.Inspect(ModelDir, 10);

        Assert.Equal((LocalModelState.Partial, 1, 1), (partial.State, partial.Files, partial.IncompleteFiles));
    }
}
