using SglangCi.Integration.Tests.Infrastructure;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Images;

namespace SglangCi.Integration.Tests.RunKinds;

/// <summary>
/// <c>image-check</c> runs through a run grain of a silo hosted as the product hosts it, its <c>SglangCi:Images:Registry</c>
/// pointed at a loopback Docker Hub tags API: one check per expected image, a missing required image fails the run and
/// raises one alert naming it, a missing optional one is a warning, a registry that does not answer fails the run saying so.
/// </summary>
public sealed class ImageCheckKindTests(ImageCheckKindTests.Silo fixture) : IClassFixture<ImageCheckKindTests.Silo>
{
    /// <summary>Every expected image.</summary>
    private static readonly DateOnly AllThere = new(2025, 12, 8);

    /// <summary>mi35x rocm700 (required) missing.</summary>
    private static readonly DateOnly Mi35xMissing = new(2025, 12, 9);

    /// <summary>mi30x rocm630 (optional) missing.</summary>
    private static readonly DateOnly FallbackMissing = new(2025, 12, 10);

    /// <summary>Nothing at all: both required images missing.</summary>
    private static readonly DateOnly NothingBuilt = new(2025, 12, 11);

    [Fact]
    public async Task Every_expected_image_there_passes_one_check_per_image_with_its_full_name_and_raises_no_alert()
    {
        var (summary, details) = await fixture.Instance.RunAsync(Silo.Node, RunMode.ImageCheck, AllThere);

        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        Assert.Equal("image-check", summary.Mode);
        Assert.Equal(AllThere, summary.ImageDate);
        Assert.Equal(
            [
                ("image mi30x rocm700", CheckStatus.Passed, "rocm/sgl-dev:v0.5.6-rocm700-mi30x-20251208"),
                ("image mi30x rocm630", CheckStatus.Passed, "rocm/sgl-dev:v0.5.6-rocm630-mi30x-20251208"),
                ("image mi35x rocm700", CheckStatus.Passed, "rocm/sgl-dev:v0.5.6-rocm700-mi35x-20251208"),
            ],
            details.Checks.Select(c => (c.Name, c.Status, c.Detail)));
        Assert.Empty(await fixture.Instance.AlertLinesAsync(summary.Id, expectAny: false));
    }

    [Fact]
    public async Task A_missing_required_image_fails_the_run_naming_it_and_raises_one_alert()
    {
        var (summary, details) = await fixture.Instance.RunAsync(Silo.Node, RunMode.ImageCheck, Mi35xMissing);

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Equal("nightly image missing for 2025-12-09: mi35x rocm700 (not found)", summary.Reason);
        Assert.Equal(
            [("image mi30x rocm700", CheckStatus.Passed), ("image mi30x rocm630", CheckStatus.Passed), ("image mi35x rocm700", CheckStatus.Failed)],
            details.Checks.Select(c => (c.Name, c.Status)));
        Assert.Equal("not found", details.Checks[2].Detail);

        var alert = Assert.Single(await fixture.Instance.AlertLinesAsync(summary.Id, expectAny: true));
        Assert.Contains("Nightly image missing: mi35x rocm700", alert, StringComparison.Ordinal);
        Assert.Contains("2025-12-09", alert, StringComparison.Ordinal);
        Assert.Contains("missing mi35x rocm700", alert, StringComparison.Ordinal);
        Assert.Contains("\"severity\":\"warning\"", alert, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_missing_required_images_make_one_error_alert_naming_both()
    {
        var (summary, _) = await fixture.Instance.RunAsync(Silo.Node, RunMode.ImageCheck, NothingBuilt);

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Equal("nightly image missing for 2025-12-11: mi30x rocm700 (not found), mi35x rocm700 (not found)", summary.Reason);
        var alert = Assert.Single(await fixture.Instance.AlertLinesAsync(summary.Id, expectAny: true));
        Assert.Contains("Nightly image missing: mi30x rocm700, mi35x rocm700", alert, StringComparison.Ordinal);
        Assert.Contains("\"severity\":\"error\"", alert, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_optional_image_is_a_warning_and_the_run_succeeds_without_an_alert()
    {
        var (summary, details) = await fixture.Instance.RunAsync(Silo.Node, RunMode.ImageCheck, FallbackMissing);

        Assert.True(summary.Status == RunStatus.Succeeded, summary.Reason);
        var fallback = Assert.Single(details.Checks, c => c.Name == "image mi30x rocm630");
        Assert.Equal((CheckStatus.Warning, "not found (optional)"), (fallback.Status, fallback.Detail));
        Assert.All(details.Checks.Where(c => c != fallback), c => Assert.Equal(CheckStatus.Passed, c.Status));
        Assert.Empty(await fixture.Instance.AlertLinesAsync(summary.Id, expectAny: false));
    }

    [Fact]
    public async Task A_registry_that_does_not_answer_fails_the_run_with_the_registry_in_the_reason()
    {
        await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?>
        {
            [NightlyImageServiceCollectionExtensions.RegistryKey] = "http://127.0.0.1:1/",
        });
        await silo.AddNodeAsync("imgchk-down", EngineRuntimeKind.Simulated);

        var (summary, details) = await silo.RunAsync("imgchk-down", RunMode.ImageCheck, AllThere);

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.StartsWith("registry http://127.0.0.1:1/ unreachable: ", summary.Reason);
        var check = Assert.Single(details.Checks);
        Assert.Equal(("registry", CheckStatus.Failed, summary.Reason), (check.Name, check.Status, check.Detail));
        var alert = Assert.Single(await silo.AlertLinesAsync(summary.Id, expectAny: true)); // the failed run's own alert, nothing more
        Assert.Contains("image-check on imgchk-down failed", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("Nightly image missing", alert, StringComparison.Ordinal);
    }

    /// <summary>One silo for the class, over one tags page holding the nights' tags (newest first, with noise: an
    /// <c>-srt</c> build and a release candidate, which are not nightlies).</summary>
    public sealed class Silo : IAsyncLifetime
    {
        public const string Node = "imgchk-node";

        private readonly DockerHubTagsServer _registry = new(
        [
            "v0.5.6-rocm700-mi35x-20251210",
            "v0.5.6-rocm700-mi30x-20251210",
            "v0.5.6-rocm630-mi30x-20251209",
            "v0.5.6-rocm700-mi35x-20251209-srt",
            "v0.5.6-rocm700-mi30x-20251209",
            "v0.5.6-rocm700-mi35x-20251208",
            "v0.5.6-rocm630-mi30x-20251208",
            "v0.5.6-rocm700-mi30x-20251208",
            "v0.5.6-rocm700-mi35x-20251211-RC",
        ]);

        public InProcessSilo Instance { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Instance = await InProcessSilo.StartAsync(new Dictionary<string, string?>
            {
                [NightlyImageServiceCollectionExtensions.RegistryKey] = _registry.BaseUrl.AbsoluteUri,
            });
            await Instance.AddNodeAsync(Node, EngineRuntimeKind.Simulated);
        }

        public async Task DisposeAsync()
        {
            await Instance.DisposeAsync();
            _registry.Dispose();
        }
    }
}
