using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.RunKinds.Housekeeping;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Grains.Tests.RunKinds;

/// <summary>How a Docker clean-up report and measured disks become a housekeeping run's checks, alert and outcome.</summary>
public sealed class HousekeepingVerdictTests
{
    private const long GiB = 1L << 30;
    private static readonly DateTimeOffset Now = new(2025, 12, 8, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_group_counts_what_was_removed_and_says_what_was_kept()
    {
        var report = Report(
            [
                Item(HousekeepingItemKind.Image, "rocm/sgl-dev:old", 2 * GiB),
                Item(HousekeepingItemKind.Image, "rocm/sgl-dev:older", GiB),
                Item(HousekeepingItemKind.CoreDump, "/ci/gpucore.1", 1 << 20),
            ],
            kept: [new HousekeepingKept(HousekeepingItemKind.Image, "rocm/sgl-dev:new", "younger than 7 day(s)")]);

        var checks = DockerCleanupChecks.From(report, "commands/housekeeping");

        Assert.Equal(
            [
                ("images", CheckStatus.Passed, 2.0, "removed 2 (3.0 GiB): rocm/sgl-dev:old, rocm/sgl-dev:older; kept 1: rocm/sgl-dev:new (younger than 7 day(s)) (report in commands/housekeeping)"),
                ("dangling-images", CheckStatus.Passed, 0.0, "removed none (report in commands/housekeeping)"),
                ("core-dumps", CheckStatus.Passed, 1.0, "removed 1 (1.0 MiB): /ci/gpucore.1 (report in commands/housekeeping)"),
            ],
            checks.Select(c => (c.Name, c.Status, c.Value!.Value, c.Detail)));
        Assert.Null(DockerCleanupChecks.FailureReason(report));
    }

    [Fact]
    public void A_failed_removal_fails_its_group_and_the_run()
    {
        var report = Report([Item(HousekeepingItemKind.Image, "rocm/sgl-dev:old", GiB), Item(HousekeepingItemKind.Image, "rocm/sgl-dev:busy", GiB, "conflict: image is in use")]);

        var images = DockerCleanupChecks.From(report, null)[0];

        Assert.Equal((CheckStatus.Failed, 1.0), (images.Status, images.Value));
        Assert.Equal("removed 1 (1.0 GiB): rocm/sgl-dev:old; 1 failed: rocm/sgl-dev:busy (conflict: image is in use)", images.Detail);
        Assert.Equal("housekeeping: 1 of 2 removal(s) failed: rocm/sgl-dev:busy (conflict: image is in use)", DockerCleanupChecks.FailureReason(report));
    }

    [Fact]
    public void Docker_not_answering_fails_the_image_groups_and_the_run_with_dockers_reason_but_core_dumps_are_still_reported()
    {
        var report = Report([Item(HousekeepingItemKind.CoreDump, "/ci/gpucore.2", 10)], dockerError: "Docker at unix:///nope.sock did not answer: Connection refused");

        var checks = DockerCleanupChecks.From(report, null);

        Assert.Equal([CheckStatus.Failed, CheckStatus.Failed, CheckStatus.Passed], checks.Select(c => c.Status));
        Assert.Equal("Docker at unix:///nope.sock did not answer: Connection refused", checks[0].Detail);
        Assert.Equal("housekeeping: Docker at unix:///nope.sock did not answer: Connection refused", DockerCleanupChecks.FailureReason(report));
    }

    [Theory]
    [InlineData(500, 1000, 200, 85, CheckStatus.Passed, "data directory: 500.0 GiB free of 1000.0 GiB (50 % used)")]
    [InlineData(100, 1000, 50, 85, CheckStatus.Warning, "data directory: 100.0 GiB free of 1000.0 GiB (90 % used); more than 85 % used")]
    [InlineData(100, 1000, 200, 85, CheckStatus.Failed, "data directory: 100.0 GiB free of 1000.0 GiB (90 % used); below the critical 200 GiB")]
    public void A_disk_fails_below_the_critical_line_and_warns_when_too_full(long freeGiB, long totalGiB, double critical, double warnPercent, CheckStatus status, string detail)
    {
        var check = DiskSpaceVerdicts.Judge(new DiskSpaceReport("data directory", "/data", totalGiB * GiB, freeGiB * GiB, null), critical, warnPercent);

        Assert.Equal(("disk /data", status, (double)freeGiB, detail), (check.Name, check.Status, check.Value!.Value, check.Detail));
    }

    [Fact]
    public void A_path_that_cannot_be_measured_is_a_warning_except_a_docker_root_on_another_machine()
    {
        var missing = DiskSpaceVerdicts.Judge(new DiskSpaceReport("configured path", "/nope", null, null, "does not exist on this node"), 200, 85);
        var dockerRoot = DiskSpaceVerdicts.Judge(new DiskSpaceReport(DiskSpaceVerdicts.DockerDataRoot, "/var/lib/docker", null, null, "not on this machine"), 200, 85);

        Assert.Equal((CheckStatus.Warning, "configured path: not measured: does not exist on this node"), (missing.Status, missing.Detail));
        Assert.Equal((CheckStatus.Skipped, "docker data root: not measured: not on this machine"), (dockerRoot.Status, dockerRoot.Detail));
    }

    [Fact]
    public void One_alert_names_every_path_below_the_line_and_none_when_all_are_above()
    {
        var node = new NodeInventory("mi35x-1", "mi35x", "host-1", 8, EngineRuntimeKind.Docker);
        IReadOnlyList<DiskSpaceReport> disks =
        [
            new("data directory", "/data", 1000 * GiB, 150 * GiB, null),
            new(DiskSpaceVerdicts.DockerDataRoot, "/var/lib/docker", 1000 * GiB, 20 * GiB, null),
            new("configured path", "/big", 1000 * GiB, 900 * GiB, null),
            new("configured path", "/nope", null, null, "does not exist on this node"),
        ];

        var alert = DiskSpaceVerdicts.Alert("run-1", node, "mi35x-1", disks, 200, Now)!;

        Assert.Equal(("run-1:disk-space", "Critical disk space on mi35x-1", AlertSeverity.Error), (alert.DedupeKey, alert.Title, alert.Severity));
        Assert.Equal("Free space below 200 GiB on mi35x-1: /data (data directory): 150 GiB free; /var/lib/docker (docker data root): 20 GiB free.", alert.Text);
        Assert.Equal(("mi35x-1", "host-1", "/data, /var/lib/docker", "150, 20", "200"),
            (alert.Facts["node"], alert.Facts["host"], alert.Facts["paths"], alert.Facts["freeGiB"], alert.Facts["thresholdGiB"]));
        Assert.Null(DiskSpaceVerdicts.Alert("run-1", node, "mi35x-1", disks, 10, Now));
    }

    private static HousekeepingItemResult Item(HousekeepingItemKind kind, string name, long bytes, string? error = null) =>
        new(kind, name, bytes, Now.AddDays(-10), "ours", error is null ? HousekeepingOutcome.Removed : HousekeepingOutcome.Failed, error);

    private static HousekeepingReport Report(IReadOnlyList<HousekeepingItemResult> items, IReadOnlyList<HousekeepingKept>? kept = null, string? dockerError = null) =>
        new(false, Now, "unix:///var/run/docker.sock", dockerError, 7, items, kept ?? [], [], []);
}
