using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.RunKinds.ImageCheck;
using SglangCi.Toolkit.Images;

namespace SglangCi.Grains.Tests.RunKinds;

/// <summary>How one night's image availability becomes an image-check run's checks, alert and outcome (the registry
/// side runs against a loopback tags API in the integration tests).</summary>
public sealed class ImageCheckVerdictTests
{
    private static readonly DateOnly Night = new(2025, 12, 8);
    private static readonly Uri Registry = new("https://hub.docker.com/");

    [Fact]
    public void Available_images_pass_with_their_name_missing_required_fail_missing_optional_warn()
    {
        var report = Report(
            Entry(0, ImageAvailability.Available, "rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251208"),
            Entry(1, ImageAvailability.NotFound),
            Entry(2, ImageAvailability.FoundButNotPullable, "rocm/sgl-dev:v0.5.6-rocm700-mi35x-20251208", "listed, but the tag endpoint answered 404"));

        Assert.Equal(
            [
                ("image mi30x rocm700", CheckStatus.Passed, "rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251208"),
                ("image mi30x rocm630", CheckStatus.Warning, "not found (optional)"),
                ("image mi35x rocm700", CheckStatus.Failed, "found but not pullable: rocm/sgl-dev:v0.5.6-rocm700-mi35x-20251208 (listed, but the tag endpoint answered 404)"),
            ],
            report.Entries.Select(ImageCheckVerdicts.Check).Select(c => (c.Name, c.Status, c.Detail)));

        var outcome = ImageCheckVerdicts.Outcome(report);
        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Equal("nightly image missing for 2025-12-08: mi35x rocm700 (found but not pullable: rocm/sgl-dev:v0.5.6-rocm700-mi35x-20251208 (listed, but the tag endpoint answered 404))", outcome.Reason);

        var alert = ImageCheckVerdicts.Alert("run-1", "sim-1", Registry, report, DateTimeOffset.UnixEpoch)!;
        Assert.Equal(("run-1", "Nightly image missing: mi35x rocm700", AlertSeverity.Warning), (alert.DedupeKey, alert.Title, alert.Severity));
        Assert.Equal(("2025-12-08", "rocm/sgl-dev"), (alert.Facts["night"], alert.Facts["repository"]));
        Assert.StartsWith("found but not pullable", alert.Facts["missing mi35x rocm700"], StringComparison.Ordinal);
        Assert.DoesNotContain("missing mi30x rocm630", alert.Facts.Keys);
    }

    [Fact]
    public void Two_missing_required_images_are_an_error_and_only_optional_ones_missing_is_no_alert()
    {
        var broken = Report(Entry(0, ImageAvailability.NotFound), Entry(1, ImageAvailability.NotFound), Entry(2, ImageAvailability.NotFound));
        Assert.Equal(AlertSeverity.Error, ImageCheckVerdicts.Alert("r", "n", Registry, broken, DateTimeOffset.UnixEpoch)!.Severity);

        var fine = Report(Entry(0, ImageAvailability.Available, "a"), Entry(1, ImageAvailability.NotFound), Entry(2, ImageAvailability.Available, "c"));
        Assert.Null(ImageCheckVerdicts.Alert("r", "n", Registry, fine, DateTimeOffset.UnixEpoch));
        Assert.Equal(RunStatus.Succeeded, ImageCheckVerdicts.Outcome(fine).Status);
    }

    private static ImageCheckEntry Entry(int expected, ImageAvailability status, string? image = null, string? detail = null) =>
        new(Night, ExpectedImage.SeedDefaults[expected], status, image, detail);

    private static ImageAvailabilityReport Report(params ImageCheckEntry[] entries) =>
        new(ImageRepository.SglDev, [Night], entries, 1, TagListingEnd.Exhausted);
}
