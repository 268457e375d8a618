using SglangCi.Grains.Presets;
using SglangCi.Grains.Runs;
using SglangCi.Interfaces.Presets;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Seeding;

namespace SglangCi.Grains.Tests;

/// <summary>The shipped presets' offline plans: the old offline scripts' modes, valid, and planned for an offline run.</summary>
public sealed class OfflinePresetTests
{
    [Fact]
    public void Grok1_ships_the_old_scripts_modes_and_deepseek_its_single_case()
    {
        var presets = SeedCatalog.Presets().ToDictionary(p => p.Name);
        foreach (var preset in presets.Values)
        {
            ModelPresetValidator.Validate(preset, preset.Name);
        }

        var grok = presets["grok1-int4"];
        foreach (var hardware in new[] { "mi30x", "mi35x" })
        {
            var plans = grok.OfflineFor(hardware);
            Assert.Equal(["normal", "long_context", "dummy"], plans.Select(p => p.Mode));
            Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256], plans[0].Cases.Select(c => c.BatchSize));
            Assert.All(plans[0].Cases, c => Assert.Equal((1024, 128), (c.InputLen, c.OutputLen)));
            Assert.Equal([new(1, 8192, 10), new(1, 16384, 10), new OfflineCase(1, 32768, 10)], plans[1].Cases);
            Assert.Equal([new OfflineCase(2, 256, 4096)], plans[2].Cases);
            Assert.Contains("dummy", plans[2].ExtraArgs!);
        }

        Assert.Equal([1, 8, 32], grok.OfflineFor("sim").Single().Cases.Select(c => c.BatchSize));
        foreach (var name in new[] { "deepseek-v3-0324-fp8", "deepseek-r1-mxfp4" })
        {
            Assert.Equal(new OfflineCase(32, 128, 32), presets[name].OfflineFor("sim").Single().Cases.Single());
        }

        // A preset without offline plans keeps none, and its content (and so its version) is unchanged by the new field.
        Assert.Null(presets["grok2-fp8"].Offline);
        Assert.Throws<InvalidOperationException>(() => presets["grok2-fp8"].OfflineFor("sim"));
    }

    [Fact]
    public void An_offline_request_plans_the_hardwares_offline_modes_and_an_online_one_none()
    {
        var grok = SeedCatalog.Presets().Single(p => p.Name == "grok1-int4");
        var node = TestPresets.Node("plan-node") with { Hardware = "mi30x" };
        var offline = RunPlanner.Plan("r1", new RunRequest(grok.Name, node.Name, RunMode.Offline, null, null, "test"), grok, node, new RunGrainOptions());
        Assert.Equal(RunMode.Offline, offline.Mode);
        Assert.Equal(3, offline.Offline.Count);

        var online = RunPlanner.Plan("r2", new RunRequest(grok.Name, node.Name, RunMode.Online, null, null, "test"), grok, node, new RunGrainOptions());
        Assert.Empty(online.Offline);

        var grok2 = SeedCatalog.Presets().Single(p => p.Name == "grok2-fp8");
        var error = Assert.Throws<ArgumentException>(() =>
            RunPlanner.Plan("r3", new RunRequest(grok2.Name, node.Name, RunMode.Offline, null, null, "test"), grok2, node, new RunGrainOptions()));
        Assert.Contains("no offline plan for hardware 'mi30x'", error.Message);
    }

    [Fact]
    public void Offline_plans_take_part_in_preset_content_and_validation()
    {
        var preset = TestPresets.Tiny("content");
        var withPlan = preset with { Offline = new Dictionary<string, IReadOnlyList<OfflinePlan>> { ["*"] = [new("normal", [new(1, 8, 8)])] } };
        Assert.False(ModelPresetContent.SameContent(preset, withPlan));
        Assert.True(ModelPresetContent.SameContent(preset, preset with { Offline = new Dictionary<string, IReadOnlyList<OfflinePlan>>() }));

        var bad = preset with { Offline = new Dictionary<string, IReadOnlyList<OfflinePlan>> { ["sim"] = [new("normal", [new(0, 8, 8)])] } };
        var error = Assert.Throws<ArgumentException>(() => ModelPresetValidator.Validate(bad, "content"));
        Assert.Contains("Offline['sim'][0].Cases[0]", error.Message);
    }
}
