using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Integration.Tests.Housekeeping;

/// <summary>The pure decision of what housekeeping removes: ages, usage by containers, ours by repository or label, dangling, core dumps.</summary>
public sealed class HousekeepingPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> NoLabels = [];

    private static DockerImageFacts Image(string id, double ageDays, params string[] tags) =>
        new(id, tags, NoLabels, Now - TimeSpan.FromDays(ageDays), 1000);

    private static HousekeepingPlan Plan(IReadOnlyList<DockerImageFacts> images, IReadOnlySet<string>? inUse = null, IReadOnlyList<CoreDumpFacts>? dumps = null, HousekeepingOptions? options = null) =>
        HousekeepingPlanner.Plan(images, inUse ?? new HashSet<string>(), dumps ?? [], options ?? new HousekeepingOptions(), Now);

    [Fact]
    public void Our_old_unused_images_are_removed_young_ones_and_used_ones_kept()
    {
        var plan = Plan(
            [
                Image("sha256:old", 10, "rocm/sgl-dev:v0.5.5-rocm700-mi35x-20251120"),
                Image("sha256:young", 2, "rocm/sgl-dev:v0.5.5-rocm700-mi35x-20251128"),
                Image("sha256:used", 30, "rocm/sgl-dev:v0.5.5-rocm700-mi35x-20251030"),
            ],
            inUse: new HashSet<string> { "sha256:used" });

        var removed = Assert.Single(plan.Remove);
        Assert.Equal(HousekeepingItemKind.Image, removed.Kind);
        Assert.Equal(["rocm/sgl-dev:v0.5.5-rocm700-mi35x-20251120"], removed.RemoveBy);
        Assert.Equal(1000, removed.SizeBytes);
        Assert.Contains(plan.Kept, k => k.Name.EndsWith("20251128", StringComparison.Ordinal) && k.Reason.Contains("younger", StringComparison.Ordinal));
        Assert.Contains(plan.Kept, k => k.Name.EndsWith("20251030", StringComparison.Ordinal) && k.Reason == "used by a container");
    }

    [Fact]
    public void Images_that_are_not_ours_are_never_touched_however_old()
    {
        var plan = Plan([Image("sha256:a", 400, "postgres:16"), Image("sha256:b", 400, "someone/else:latest")], options: new HousekeepingOptions { OlderThanDays = 0 });
        Assert.Empty(plan.Remove);
        Assert.Empty(plan.Kept);
    }

    [Fact]
    public void Dangling_images_are_removed_unless_used_or_kept_by_option()
    {
        var images = new[] { Image("sha256:0123456789abcdef", 0.1), Image("sha256:fedcba9876543210", 0.1) };
        var plan = Plan(images, inUse: new HashSet<string> { "sha256:fedcba9876543210" });
        var removed = Assert.Single(plan.Remove);
        Assert.Equal(HousekeepingItemKind.DanglingImage, removed.Kind);
        Assert.Equal("0123456789ab", removed.Name);
        Assert.Equal(["sha256:0123456789abcdef"], removed.RemoveBy);
        Assert.Equal("used by a container", Assert.Single(plan.Kept).Reason);

        Assert.Empty(Plan(images, options: new HousekeepingOptions { RemoveDangling = false }).Remove);
    }

    [Fact]
    public void Only_our_tags_of_a_shared_image_are_removed_and_its_size_not_counted()
    {
        var plan = Plan([Image("sha256:x", 10, "rocm/sgl-dev:nightly", "mine/keep:1")]);
        var removed = Assert.Single(plan.Remove);
        Assert.Equal(["rocm/sgl-dev:nightly"], removed.RemoveBy);
        Assert.Equal(0, removed.SizeBytes);
    }

    [Fact]
    public void Labelled_images_are_ours_and_removed_by_id_and_repositories_are_configurable_with_wildcards()
    {
        var labelled = new DockerImageFacts("sha256:l", ["anything:1"], new Dictionary<string, string> { [DockerLabels.Managed] = "true" }, Now.AddDays(-8), 5);
        var plan = Plan([labelled, Image("sha256:r", 8, "registry:5000/team/sgl-dev:20251101")]);
        Assert.Equal(2, plan.Remove.Count);
        Assert.Equal(["sha256:l"], plan.Remove.Single(r => r.Name == "anything:1").RemoveBy);

        var custom = Plan([Image("sha256:c", 8, "ci/images:a"), Image("sha256:d", 8, "rocm/sgl-dev:a")], options: new HousekeepingOptions { Repositories = ["ci/*"] });
        Assert.Equal("ci/images:a", Assert.Single(custom.Remove).Name);
    }

    [Fact]
    public void Older_than_zero_days_takes_every_unused_image_of_ours()
    {
        var plan = Plan([Image("sha256:new", 0.001, "lmsysorg/sglang:dev")], options: new HousekeepingOptions { OlderThanDays = 0 });
        Assert.Single(plan.Remove);
    }

    [Fact]
    public void Core_dumps_older_than_the_minimum_age_are_removed()
    {
        var dumps = new[]
        {
            new CoreDumpFacts("/d/gpucore.1", 10, Now.AddHours(-5)),
            new CoreDumpFacts("/d/core.2", 20, Now.AddMinutes(-5)),
        };
        var plan = Plan([], dumps: dumps, options: new HousekeepingOptions { CoreDumpMinimumAge = TimeSpan.FromHours(1) });
        Assert.Equal("/d/gpucore.1", Assert.Single(plan.Remove).Name);
        Assert.Equal("/d/core.2", Assert.Single(plan.Kept).Name);

        Assert.Equal(2, Plan([], dumps: dumps).Remove.Count); // default minimum age 0: every one, as the old CI did
    }

    [Theory]
    [InlineData("gpucore.12345", true)]
    [InlineData("core", true)]
    [InlineData("core.777", true)]
    [InlineData("corefile.txt", false)]
    [InlineData("notes.gpucore", false)]
    public void Core_dump_names_follow_the_patterns(string name, bool expected) =>
        Assert.Equal(expected, HousekeepingPlanner.IsCoreDump(name, new HousekeepingOptions()));

    [Theory]
    [InlineData("rocm/sgl-dev:v1", "rocm/sgl-dev")]
    [InlineData("registry:5000/rocm/sgl-dev:v1", "registry:5000/rocm/sgl-dev")]
    [InlineData("registry:5000/rocm/sgl-dev", "registry:5000/rocm/sgl-dev")]
    [InlineData("busybox", "busybox")]
    [InlineData("rocm/sgl-dev@sha256:abc", "rocm/sgl-dev")]
    public void Repository_of_a_tag(string tag, string repository) => Assert.Equal(repository, HousekeepingPlanner.RepositoryOf(tag));
}
