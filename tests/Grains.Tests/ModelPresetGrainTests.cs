using SglangCi.Interfaces;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ModelPresetGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Save_bumps_the_version_only_when_content_changes_and_keeps_every_version()
    {
        var grain = fixture.Grains.GetGrain<IModelPresetGrain>("versioned");
        Assert.Null(await grain.Get());

        var v1 = await grain.Save(TestPresets.Tiny("versioned"));
        Assert.Equal(1, v1.Version);

        // Same content (fresh collections, a stale version number) keeps the version.
        var same = await grain.Save(TestPresets.Tiny("versioned") with { Version = 7 });
        Assert.Equal(1, same.Version);

        var v2 = await grain.Save(TestPresets.Tiny("versioned", threshold: 0.8));
        Assert.Equal(2, v2.Version);
        Assert.Equal(0.8, (await grain.Get())!.Gsm8k.Threshold);
        Assert.Equal(0.5, (await grain.GetVersion(1))!.Gsm8k.Threshold);
        Assert.Null(await grain.GetVersion(3));
        Assert.Contains("versioned", await fixture.Grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key).List(CatalogKind.Preset));
    }

    [Theory]
    [InlineData("name", "does not match the preset key")]
    [InlineData("gpus", "GpuCount must be at least 1")]
    [InlineData("threshold", "Gsm8k.Threshold must be between 0 and 1")]
    [InlineData("points", "Points needs at least one load point")]
    [InlineData("launch", "Launch needs at least one entry")]
    public async Task Invalid_preset_is_rejected_naming_the_field(string broken, string message)
    {
        var good = TestPresets.Tiny("invalid");
        var preset = broken switch
        {
            "name" => good with { Name = "other" },
            "gpus" => good with { GpuCount = 0 },
            "threshold" => good with { Gsm8k = good.Gsm8k with { Threshold = 1.5 } },
            "points" => good with { Benchmark = new Dictionary<string, BenchmarkPlan> { ["*"] = good.BenchmarkFor("sim") with { Points = [] } } },
            "launch" => good with { Launch = new Dictionary<string, HardwareLaunch>() },
            _ => throw new ArgumentOutOfRangeException(nameof(broken)),
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Grains.GetGrain<IModelPresetGrain>("invalid").Save(preset));
        Assert.Contains(message, error.Message);
        Assert.Null(await fixture.Grains.GetGrain<IModelPresetGrain>("invalid").Get());
    }
}
