using SglangCi.Toolkit.History;
using SglangCi.Toolkit.History.Cron;
using SglangCi.Toolkit.History.Records;

namespace SglangCi.Toolkit.Tests.History;

/// <summary>The nightly image-availability check on real logs.</summary>
public sealed class ImageCheckLogReaderTests
{
    [Fact]
    public void Each_hardware_kind_checked_is_one_row_with_its_image()
    {
        const string path = "cron_log/mi30x/20251206/docker_image_check.log";
        var batch = ImageCheckLogReader.Read(new SeedFile(path, HistorySeed.Text(path)));

        Assert.Equal(2, batch.ImageChecks.Count);
        Assert.All(batch.ImageChecks, c => Assert.Equal((HistoryImageCheck.Available, new DateOnly(2025, 12, 6), "dell300x-pla-t10-23"), (c.Status, c.ImageDate, c.Host)));
        Assert.Equal("rocm/sgl-dev:v0.5.6-rocm700-mi35x-20251206", batch.ImageChecks.Single(c => c.Hardware == "mi35x").Image);
    }

    [Fact]
    public void Every_real_check_log_reads_and_missing_images_are_found()
    {
        var paths = HistorySeed.Files("cron_log", n => n.StartsWith("docker_image_check", StringComparison.Ordinal));
        var batches = paths.Select(p => ImageCheckLogReader.Read(new SeedFile(p, HistorySeed.Text(p)))).ToList();

        Assert.Equal(113, paths.Count);
        Assert.DoesNotContain(batches.SelectMany(b => b.Issues), i => i.Rejected);
        Assert.Equal(2, batches.Count(b => b.ImageChecks.Count == 0)); // two logs where the script itself was not found
        Assert.Contains(batches.SelectMany(b => b.ImageChecks), c => c.Status == HistoryImageCheck.Missing);
        Assert.Contains(batches.SelectMany(b => b.ImageChecks), c => c.Status == HistoryImageCheck.NotPullable);
    }
}
