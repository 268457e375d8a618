using SglangCi.Grains.Presets;
using SglangCi.Interfaces.Presets;
using SglangCi.Silo.Seeding;

namespace SglangCi.Grains.Tests;

/// <summary>The launch a preset resolves to per hardware kind: paths, the attention backend and the implied flags.</summary>
public sealed class LaunchResolverTests
{
    private static ModelPreset Preset(
        IReadOnlyList<string> args,
        string? tokenizer = null,
        string? quantization = null,
        string hardware = ModelPreset.AnyHardware,
        string? modelOverride = null,
        string? tokenizerOverride = null) =>
        TestPresets.Tiny("resolved") with
        {
            TokenizerPath = tokenizer,
            Quantization = quantization,
            Launch = new Dictionary<string, HardwareLaunch>
            {
                [hardware] = new HardwareLaunch(args, new Dictionary<string, string> { ["SGLANG_USE_AITER"] = "1" })
                {
                    ModelPath = modelOverride,
                    TokenizerPath = tokenizerOverride,
                },
            },
        };

    [Theory]
    [InlineData("mi30x", "aiter")]
    [InlineData("mi35x", "aiter")]
    [InlineData("mi325x", "aiter")]
    [InlineData("MI300X", "aiter")]
    [InlineData("sim", "triton")]
    [InlineData("h100", "triton")]
    public void The_attention_backend_is_aiter_on_rocm_and_triton_elsewhere(string hardware, string backend)
    {
        var launch = LaunchResolver.Resolve(Preset(["--tp", "8"]), hardware);

        Assert.Equal(["--tp", "8", "--attention-backend", backend], launch.ServerArgs);
        Assert.Equal(hardware, launch.Hardware);
    }

    [Theory]
    [InlineData("--attention-backend", "triton")]
    [InlineData("--attention-backend=triton", null)]
    public void A_backend_the_preset_names_wins_and_is_not_repeated(string flag, string? value)
    {
        string[] args = value is null ? ["--tp", "8", flag] : ["--tp", "8", flag, value];

        var launch = LaunchResolver.Resolve(Preset(args), "mi35x");

        Assert.Equal(args, launch.ServerArgs);
    }

    [Fact]
    public void Tokenizer_and_quantization_are_added_once_when_the_preset_implies_them()
    {
        var added = LaunchResolver.Resolve(Preset(["--tp", "8"], tokenizer: "/tok", quantization: "fp8"), "sim");
        Assert.Equal(["--tp", "8", "--attention-backend", "triton", "--tokenizer-path", "/tok", "--quantization", "fp8"], added.ServerArgs);
        Assert.Equal("/tok", added.TokenizerPath);

        string[] explicitArgs = ["--tokenizer-path", "/tok", "--quantization", "fp8", "--attention-backend", "aiter"];
        var kept = LaunchResolver.Resolve(Preset(explicitArgs, tokenizer: "/tok", quantization: "fp8"), "sim");
        Assert.Equal(explicitArgs, kept.ServerArgs);

        var none = LaunchResolver.Resolve(Preset(["--tp", "8"]), "sim");
        Assert.Null(none.TokenizerPath);
        Assert.DoesNotContain("--tokenizer-path", none.ServerArgs);
        Assert.DoesNotContain("--quantization", none.ServerArgs);
    }

    [Fact]
    public void A_hardware_entry_overrides_the_model_and_tokenizer_paths()
    {
        var preset = Preset(["--tp", "8"], tokenizer: "/tok", hardware: "mi30x", modelOverride: "/mi30x/weights", tokenizerOverride: "/mi30x/tok");

        var launch = LaunchResolver.Resolve(preset, "mi30x");

        Assert.Equal("/mi30x/weights", launch.ModelPath);
        Assert.Equal("/mi30x/tok", launch.TokenizerPath);
        Assert.Equal("/mi30x/tok", launch.ServerArgs[^1]);
        Assert.Equal("/models/resolved", LaunchResolver.Resolve(Preset(["--tp", "8"]), "mi30x").ModelPath);
    }

    [Fact]
    public void Environment_and_pre_launch_steps_pass_through_and_the_preset_is_not_changed()
    {
        var step = new PreLaunchStep("clean", PreLaunchStepKind.Command, TimeSpan.FromMinutes(1), Command: ["true"]);
        var preset = Preset(["--tp", "8"]);
        preset = preset with { Launch = new Dictionary<string, HardwareLaunch> { ["*"] = preset.Launch["*"] with { PreLaunch = [step] } } };

        var launch = LaunchResolver.Resolve(preset, "mi30x");

        Assert.Equal("1", launch.Environment["SGLANG_USE_AITER"]);
        Assert.Equal([step], launch.PreLaunch);
        Assert.Empty(LaunchResolver.Resolve(Preset(["--tp", "8"]), "mi30x").PreLaunch);
        Assert.Equal(["--tp", "8"], preset.Launch["*"].ServerArgs);
    }

    [Fact]
    public void A_hardware_the_preset_does_not_launch_on_is_an_error_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LaunchResolver.Resolve(Preset(["--tp", "8"], hardware: "mi30x"), "mi35x"));

        Assert.Contains("no launch flags for hardware 'mi35x'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grok1-int4", "mi30x")]
    [InlineData("grok1-int4", "mi35x")]
    [InlineData("grok2-fp8", "mi35x")]
    [InlineData("deepseek-v3-0324-fp8", "mi30x")]
    [InlineData("deepseek-r1-mxfp4", "mi35x")]
    [InlineData("deepseek-r1-mxfp4", "sim")]
    public void The_first_presets_resolve_to_their_flags_as_written(string name, string hardware)
    {
        var preset = SeedCatalog.Presets().Single(p => p.Name == name);

        var launch = LaunchResolver.Resolve(preset, hardware);

        Assert.Equal(preset.LaunchFor(hardware).ServerArgs, launch.ServerArgs);
        Assert.Equal(preset.ModelPath, launch.ModelPath);
        Assert.Equal(preset.TokenizerPath, launch.TokenizerPath);
    }
}
