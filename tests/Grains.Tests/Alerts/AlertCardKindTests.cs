using SglangCi.Grains.Runs;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.RunKinds.DailySummary;
using SglangCi.Silo.RunKinds.Housekeeping;
using SglangCi.Silo.RunKinds.ImageCheck;
using SglangCi.Silo.Runtimes.Docker;
using SglangCi.Toolkit.Images;

namespace SglangCi.Grains.Tests.Alerts;

/// <summary>Where alerts are built, each gets the card kind (and tables) it is shown as.</summary>
public sealed class AlertCardKindTests
{
    private static readonly DateOnly Night = new(2026, 11, 30);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sanity", AlertCardKind.SanityCheck)]
    [InlineData("unit-test", AlertCardKind.UnitPdTest)]
    [InlineData("pd", AlertCardKind.UnitPdTest)]
    [InlineData("image-check", AlertCardKind.ImageAvailability)]
    [InlineData("housekeeping", AlertCardKind.Housekeeping)]
    [InlineData("daily-summary", AlertCardKind.DailySummary)]
    [InlineData("online", AlertCardKind.Run)]
    [InlineData("online_mtp", AlertCardKind.Run)]
    [InlineData("model-download", AlertCardKind.Run)]
    public void A_failed_run_alert_is_shown_as_its_modes_card(string mode, AlertCardKind kind)
    {
        var alert = RunAlerts.For(Run("run-1", mode, RunStatus.Failed), Now);

        Assert.Equal(kind, alert.Kind);
    }

    [Fact]
    public void The_image_check_alert_is_an_image_availability_card_listing_every_image()
    {
        ImageAvailabilityReport report = new(
            ImageRepository.SglDev,
            [Night],
            [
                new(Night, ExpectedImage.SeedDefaults[0], ImageAvailability.Available, "rocm/sgl-dev:v0.5.6-rocm700-mi30x-20261130", null),
                new(Night, ExpectedImage.SeedDefaults[2], ImageAvailability.NotFound, null, null),
            ],
            1,
            TagListingEnd.Exhausted);

        var alert = ImageCheckVerdicts.Alert("run-1", "sim-1", new Uri("https://hub.docker.com/"), report, Now)!;

        Assert.Equal(AlertCardKind.ImageAvailability, alert.Kind);
        var table = Assert.Single(alert.Tables);
        Assert.Equal(["tag", "required", "found"], table.Columns);
        Assert.Equal(["mi30x rocm700 (2026-11-30)", "yes", "rocm/sgl-dev:v0.5.6-rocm700-mi30x-20261130"], table.Rows[0]);
        Assert.Equal(["mi35x rocm700 (2026-11-30)", "yes", "not found"], table.Rows[1]);
    }

    [Fact]
    public void The_disk_space_alert_is_a_housekeeping_card()
    {
        var node = new NodeInventory("mi35x-1", "mi35x", "host-1", 8, EngineRuntimeKind.Docker);
        IReadOnlyList<DiskSpaceReport> disks = [new("data directory", "/data", 1000L << 30, 10L << 30, null)];

        var alert = DiskSpaceVerdicts.Alert("run-1", node, "mi35x-1", disks, 200, Now)!;

        Assert.Equal(AlertCardKind.Housekeeping, alert.Kind);
    }

    [Fact]
    public void The_daily_summary_is_a_daily_summary_card_with_a_row_per_job()
    {
        IReadOnlyList<NightTask> tasks =
        [
            new("nightly/sanity", "sanity deepseek", Run("s-1", "sanity", RunStatus.Succeeded), 0),
            new("nightly/unit", "unit-test", Run("u-1", "unit-test", RunStatus.Failed), 0),
        ];

        var report = DailySummaryReport.Build("summary-1", "mi35x", Night, tasks, new NightSchedule(null, null), 0, Now);

        Assert.Equal(AlertCardKind.DailySummary, report.Alert.Kind);
        var table = Assert.Single(report.Alert.Tables);
        Assert.Equal(["job", "status", "detail"], table.Columns);
        Assert.Equal(2, table.Rows.Count);
        Assert.Contains(table.Rows, r => r[0] == "unit-test" && r[1] == "FAILED");
        Assert.Contains(table.Rows, r => r[0] == "sanity deepseek" && r[1] == "PASS");
    }

    private static RunSummary Run(string id, string mode, RunStatus status) => new(
        id, mode is "sanity" or "online" ? "deepseek" : "", 1, "deepseek-v3", "mi35x-1", "host-1", "mi35x", mode, "rocm/sgl-dev:20261130", Night,
        status, status == RunStatus.Failed ? "it broke" : null, Now.AddHours(-2), Now.AddHours(-1), RunPhase.Done, "schedule");
}
