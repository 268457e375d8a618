using SglangCi.Grains.Presets;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Tests;

/// <summary>GSM8K-only presets, variant presets' mode suffix and per-hardware paths: validated, stored and versioned.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PresetVariantTests(ClusterFixture fixture)
{
    private static ModelPreset GsmOnly(string name) => TestPresets.Tiny(name) with { Benchmark = new Dictionary<string, BenchmarkPlan>() };

    [Fact]
    public void A_preset_without_benchmark_plans_is_valid_and_says_it_runs_gsm8k_only()
    {
        var preset = GsmOnly("sanity-only");

        ModelPresetValidator.Validate(preset, "sanity-only");
        Assert.False(preset.HasBenchmark);
        Assert.False(preset.TryBenchmarkFor("sim", out var plan));
        Assert.Null(plan);
        var error = Assert.Throws<InvalidOperationException>(() => preset.BenchmarkFor("sim"));
        Assert.Equal("Preset 'sanity-only' has no benchmark plan: it runs GSM8K only (sanity check).", error.Message);
    }

    [Fact]
    public void A_preset_benchmarking_other_hardware_names_the_missing_hardware()
    {
        var preset = TestPresets.Tiny("other-hw");
        preset = preset with { Benchmark = new Dictionary<string, BenchmarkPlan> { ["mi30x"] = preset.Benchmark["*"] } };

        Assert.True(preset.HasBenchmark);
        Assert.True(preset.TryBenchmarkFor("mi30x", out _));
        Assert.False(preset.TryBenchmarkFor("sim", out _));
        var error = Assert.Throws<InvalidOperationException>(() => preset.BenchmarkFor("sim"));
        Assert.Contains("no benchmark plan for hardware 'sim'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_benchmark_object_is_rejected()
    {
        var preset = TestPresets.Tiny("no-benchmark") with { Benchmark = null! };

        var error = Assert.Throws<ArgumentException>(() => ModelPresetValidator.Validate(preset, "no-benchmark"));
        Assert.Contains("Benchmark is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dp_attention", true)]
    [InlineData("dp_attention_mtp_test", true)]
    [InlineData("mtp2", true)]
    [InlineData("DP_attention", false)]
    [InlineData("dp-attention", false)]
    [InlineData("mtp test", false)]
    [InlineData("", false)]
    [InlineData("online_mtp_test", false)]
    [InlineData("_mtp", false)]
    [InlineData("\u00e9t\u00e9", false)]
    public void Mode_suffix_must_be_lower_case_letters_digits_and_underscores(string suffix, bool valid)
    {
        var preset = TestPresets.Tiny("suffixed") with { ModeSuffix = suffix };

        if (valid)
        {
            ModelPresetValidator.Validate(preset, "suffixed");
            Assert.Equal($"online_{suffix}", preset.OnlineMode);
        }
        else
        {
            var error = Assert.Throws<ArgumentException>(() => ModelPresetValidator.Validate(preset, "suffixed"));
            Assert.Contains("ModeSuffix", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_empty_path_override_is_rejected_naming_the_hardware()
    {
        var preset = TestPresets.Tiny("paths");
        var broken = preset with { Launch = new Dictionary<string, HardwareLaunch> { ["mi30x"] = preset.Launch["*"] with { ModelPath = " " } } };

        var error = Assert.Throws<ArgumentException>(() => ModelPresetValidator.Validate(broken, "paths"));
        Assert.Equal("preset 'paths': Launch['mi30x'].ModelPath is empty (leave it out to use the preset's)", error.Message);
    }

    [Fact]
    public async Task Suffix_overrides_and_an_empty_benchmark_survive_storage_and_count_as_content()
    {
        var grain = fixture.Grains.GetGrain<IModelPresetGrain>("variant-stored");
        var plain = GsmOnly("variant-stored");
        var variant = plain with
        {
            ModeSuffix = "mtp_test",
            Launch = new Dictionary<string, HardwareLaunch> { ["*"] = plain.Launch["*"] with { ModelPath = "/other", TokenizerPath = "/tok" } },
        };

        Assert.Equal(1, (await grain.Save(plain)).Version);
        Assert.Equal(2, (await grain.Save(variant)).Version);
        Assert.Equal(2, (await grain.Save(variant with { Version = 9 })).Version);

        var stored = (await grain.Get())!;
        Assert.Equal("mtp_test", stored.ModeSuffix);
        Assert.Equal(("/other", "/tok"), (stored.Launch["*"].ModelPath, stored.Launch["*"].TokenizerPath));
        Assert.False(stored.HasBenchmark);
        Assert.Null((await grain.GetVersion(1))!.ModeSuffix);
    }
}
