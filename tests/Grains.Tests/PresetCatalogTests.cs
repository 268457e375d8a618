using SglangCi.Grains.Presets;
using SglangCi.Interfaces.Presets;
using SglangCi.Silo.Seeding;
using SglangCi.Silo.Storage.Simulation;

namespace SglangCi.Grains.Tests;

/// <summary>
/// The shipped catalog (<c>deploy/presets</c>, as compiled into the silo): every file loads and validates, every preset
/// runs on the simulated node, and thresholds, flags and series keys are the old system's.
/// </summary>
public sealed class PresetCatalogTests
{
    private static readonly IReadOnlyDictionary<string, ModelPreset> Presets = SeedCatalog.Presets().ToDictionary(p => p.Name);

    /// <summary>The old DeepSeek modes: the base presets run <c>online</c>, each variant one result-folder suffix.</summary>
    public static readonly TheoryData<string, string, string?, bool> DeepSeekPresets = new()
    {
        { "deepseek-v3-0324-fp8", "mi30x", null, true },
        { "deepseek-v3-0324-fp8-dp-attention", "mi30x", "dp_attention", false },
        { "deepseek-v3-0324-fp8-torch-compile", "mi30x", "torch_compile", false },
        { "deepseek-v3-0324-fp8-dp-attention-torch-compile", "mi30x", "dp_attention_torch_compile", false },
        { "deepseek-v3-0324-fp8-mtp", "mi30x", "mtp_test", false },
        { "deepseek-v3-0324-fp8-dp-test", "mi30x", "dp_attention", true },
        { "deepseek-v3-0324-fp8-dp-attention-mtp", "mi30x", "dp_attention_mtp_test", false },
        { "deepseek-r1-mxfp4", "mi35x", null, true },
        { "deepseek-r1-mxfp4-dp-attention", "mi35x", "dp_attention", false },
        { "deepseek-r1-mxfp4-torch-compile", "mi35x", "torch_compile", false },
        { "deepseek-r1-mxfp4-dp-attention-torch-compile", "mi35x", "dp_attention_torch_compile", false },
        { "deepseek-r1-mxfp4-mtp", "mi35x", "mtp_test", false },
        { "deepseek-r1-mxfp4-dp-test", "mi35x", "dp_attention", true },
        { "deepseek-r1-mxfp4-dp-attention-mtp", "mi35x", "dp_attention_mtp_test", false },
    };

    [Fact]
    public void Every_file_in_deploy_presets_is_shipped_valid_and_named_after_its_file()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "deploy", "presets"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);
        var shipped = SeedCatalog.Presets();

        // The silo embeds deploy/presets/*.json: a new file is in the catalog without a project change.
        Assert.Equal(files, shipped.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(shipped.Count, shipped.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(shipped, p => ModelPresetValidator.Validate(p, p.Name));
        Assert.True(shipped.Count >= 22, $"{shipped.Count} presets");
    }

    [Fact]
    public void Every_preset_runs_on_the_simulated_node_with_a_small_plan()
    {
        Assert.All(Presets.Values, preset =>
        {
            var sim = LaunchResolver.Resolve(preset, "sim");
            Assert.Empty(sim.PreLaunch); // simulated runs stay fast
            Assert.Equal("triton", FlagValue(sim.ServerArgs, LaunchResolver.AttentionBackendFlag));
            Assert.Equal(preset.HasBenchmark, preset.TryBenchmarkFor("sim", out var plan));
            if (plan is not null)
            {
                Assert.InRange(plan.Points.Count, 1, 6);
                Assert.All(plan.Points, p => Assert.InRange(p.NumPrompts, 1, 128));
            }
        });
    }

    [Theory]
    [InlineData("grok1-int4", "GROK1", 0.80)]
    [InlineData("grok1-fp8", "GROK1-FP8", 0.80)]
    [InlineData("grok2-fp8", "GROK2", 0.80)]
    [InlineData("grok2.5", "GROK2.5", 0.915)]
    [InlineData("deepseek-v3-0324-fp8", "DeepSeek-V3-0324", 0.93)]
    [InlineData("deepseek-r1-mxfp4", "DeepSeek-R1-MXFP4-Preview", 0.93)]
    [InlineData("gpt-oss-120b", "GPT-OSS-120B", 0.82)]
    [InlineData("gpt-oss-20b", "GPT-OSS-20B", 0.50)]
    [InlineData("qwen3-30b", "QWEN-30B", 0.84)]
    [InlineData("llama4-maverick", "llama4", 0.90)]
    public void Each_model_keeps_the_old_series_name_and_gsm8k_threshold(string name, string model, double threshold)
    {
        var preset = Presets[name];

        Assert.Equal(model, preset.Model);
        Assert.Equal(threshold, preset.Gsm8k.Threshold);
        Assert.Equal(Gsm8kGateRule.EarlyExit, preset.Gsm8k.Rule);
        Assert.Equal((2000, 2000, 5), (preset.Gsm8k.Questions, preset.Gsm8k.Parallel, preset.Gsm8k.Shots));
        Assert.All(Presets.Values.Where(p => p.Model == model), p => Assert.Equal(threshold, p.Gsm8k.Threshold));
    }

    [Theory]
    [InlineData("grok1-fp8")]
    [InlineData("grok2.5")]
    [InlineData("gpt-oss-120b")]
    [InlineData("gpt-oss-20b")]
    [InlineData("qwen3-30b")]
    [InlineData("llama4-maverick")]
    public void Sanity_only_models_run_three_trials_and_no_benchmark_on_both_rocm_kinds(string name)
    {
        var preset = Presets[name];

        Assert.False(preset.HasBenchmark);
        Assert.Equal(3, preset.Gsm8k.Trials);
        Assert.Null(preset.ModeSuffix);
        Assert.Equal("online", preset.OnlineMode);
        var error = Assert.Throws<InvalidOperationException>(() => preset.BenchmarkFor("mi30x"));
        Assert.Equal($"Preset '{name}' has no benchmark plan: it runs GSM8K only (sanity check).", error.Message);
        foreach (var hardware in new[] { "mi30x", "mi35x" })
        {
            Assert.True(preset.Launch.ContainsKey(hardware), $"{name} has no {hardware} launch");
            Assert.Equal("aiter-lock-cleanup", preset.LaunchFor(hardware).PreLaunch![0].Name);
        }

        // The old sanity check read its mi35x weights from /data.
        Assert.StartsWith("/data/", LaunchResolver.Resolve(preset, "mi35x").ModelPath, StringComparison.Ordinal);
        Assert.StartsWith("/mnt/raid/models/huggingface/", LaunchResolver.Resolve(preset, "mi30x").ModelPath, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeepSeekPresets))]
    public void DeepSeek_variants_continue_the_old_result_folders(string name, string hardware, string? suffix, bool serving)
    {
        var preset = Presets[name];
        var baseName = name.StartsWith("deepseek-v3", StringComparison.Ordinal) ? "deepseek-v3-0324-fp8" : "deepseek-r1-mxfp4";

        Assert.Equal(suffix, preset.ModeSuffix);
        Assert.Equal(suffix is null ? "online" : $"online_{suffix}", preset.OnlineMode);
        Assert.Contains(preset.OnlineMode, NightSimulator.DeepSeekModes);
        Assert.Equal((Presets[baseName].Model, Presets[baseName].ModelPath), (preset.Model, preset.ModelPath));
        Assert.Equal(serving, preset.HasBenchmark);
        if (serving)
        {
            Assert.Equal([128d, 64, 16, 4, 1], preset.BenchmarkFor(hardware).Points.Select(p => p.Load));
            Assert.Equal(LoadKind.Concurrency, preset.BenchmarkFor(hardware).LoadKind);
        }

        Assert.Equal([hardware], preset.Launch.Keys.Where(k => k.StartsWith("mi", StringComparison.Ordinal)));
        var args = LaunchResolver.Resolve(preset, hardware).ServerArgs;
        Assert.Equal("8", FlagValue(args, "--tp"));
        Assert.Equal("aiter", FlagValue(args, LaunchResolver.AttentionBackendFlag));
        Assert.Equal(suffix?.StartsWith("dp_attention", StringComparison.Ordinal) == true, args.Contains("--enable-dp-attention"));
        Assert.Equal(suffix?.Contains("torch_compile", StringComparison.Ordinal) == true, args.Contains("--enable-torch-compile"));
    }

    [Fact]
    public void Every_old_deepseek_mode_has_a_variant_on_each_deepseek_model()
    {
        foreach (var model in new[] { "DeepSeek-V3-0324", "DeepSeek-R1-MXFP4-Preview" })
        {
            var modes = Presets.Values.Where(p => p.Model == model).Select(p => p.OnlineMode).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(NightSimulator.DeepSeekModes.Order(StringComparer.Ordinal), modes);
        }
    }

    [Theory]
    [InlineData("deepseek-v3-0324-fp8-mtp", "mi30x")]
    [InlineData("deepseek-r1-mxfp4-mtp", "mi35x")]
    [InlineData("deepseek-v3-0324-fp8-dp-attention-mtp", "mi30x")]
    [InlineData("deepseek-r1-mxfp4-dp-attention-mtp", "mi35x")]
    public void Mtp_variants_launch_nextn_speculative_decoding(string name, string hardware)
    {
        var launch = LaunchResolver.Resolve(Presets[name], hardware);

        Assert.Equal("NEXTN", FlagValue(launch.ServerArgs, "--speculative-algorithm"));
        Assert.Equal("3", FlagValue(launch.ServerArgs, "--speculative-num-steps"));
        Assert.Equal("1", FlagValue(launch.ServerArgs, "--speculative-eagle-topk"));
        Assert.Equal("4", FlagValue(launch.ServerArgs, "--speculative-num-draft-tokens"));
        Assert.Equal("1", launch.Environment["SGLANG_AITER_MLA_PERSIST"]);
        if (name.EndsWith("-mtp", StringComparison.Ordinal) && !name.Contains("dp-attention", StringComparison.Ordinal))
        {
            Assert.Equal("fp8_e4m3", FlagValue(launch.ServerArgs, "--kv-cache-dtype"));
            Assert.Equal("64", FlagValue(launch.ServerArgs, "--max-running-requests"));
            Assert.Contains("--disable-radix-cache", launch.ServerArgs);
        }
    }

    [Fact]
    public void Dp_variants_warm_up_with_a_single_dp_rank()
    {
        Assert.All(Presets.Values.Where(p => p.ModeSuffix?.StartsWith("dp_attention", StringComparison.Ordinal) == true), preset =>
        {
            var hardware = preset.Launch.Keys.Single(k => k.StartsWith("mi", StringComparison.Ordinal));
            var warmup = preset.LaunchFor(hardware).PreLaunch!.Single(s => s.Kind == PreLaunchStepKind.WarmupServer);
            Assert.Equal(["--tp", "1", "--port", "30001", "--dp-size", "1"], warmup.ServerArgs);
        });
    }

    [Theory]
    [InlineData("gpt-oss-120b")]
    [InlineData("gpt-oss-20b")]
    public void Gpt_oss_weights_and_aiter_differ_per_hardware_and_attention_stays_triton(string name)
    {
        var preset = Presets[name];
        var size = name["gpt-oss-".Length..];
        var mi30x = LaunchResolver.Resolve(preset, "mi30x");
        var mi35x = LaunchResolver.Resolve(preset, "mi35x");

        Assert.Equal($"/mnt/raid/models/huggingface/lmsys/gpt-oss-{size}-bf16", mi30x.ModelPath);
        Assert.Equal($"/data/openai/gpt-oss-{size}", mi35x.ModelPath);
        Assert.Equal(("0", "1"), (mi30x.Environment["SGLANG_USE_AITER"], mi35x.Environment["SGLANG_USE_AITER"]));
        Assert.Equal(("0.85", "0.90"), (FlagValue(mi30x.ServerArgs, "--mem-fraction-static"), FlagValue(mi35x.ServerArgs, "--mem-fraction-static")));
        Assert.All(new[] { mi30x, mi35x }, l =>
        {
            Assert.Equal("triton", FlagValue(l.ServerArgs, LaunchResolver.AttentionBackendFlag));
            Assert.Equal("130172", FlagValue(l.ServerArgs, "--chunked-prefill-size"));
            Assert.Equal("128", FlagValue(l.ServerArgs, "--max-running-requests"));
        });
    }

    [Fact]
    public void Grok_sanity_presets_launch_like_grok1_int4_but_with_int4_weights_off()
    {
        foreach (var (name, tokenizer) in new[] { ("grok1-fp8", "Xenova--grok-1-tokenizer"), ("grok2.5", "alvarobartt--grok-2-tokenizer") })
        {
            var preset = Presets[name];
            foreach (var hardware in new[] { "mi30x", "mi35x" })
            {
                var launch = LaunchResolver.Resolve(preset, hardware);
                Assert.Equal(("0", "1", "0"), (launch.Environment["RCCL_MSCCL_ENABLE"], launch.Environment["SGLANG_USE_AITER"], launch.Environment["SGLANG_INT4_WEIGHT"]));
                Assert.Equal("fp8", FlagValue(launch.ServerArgs, LaunchResolver.QuantizationFlag));
                Assert.EndsWith("/" + tokenizer, launch.TokenizerPath, StringComparison.Ordinal);
                Assert.Equal("tp1-warmup", launch.PreLaunch[1].Name);
            }
        }

        Assert.EndsWith("/lmzheng-grok-1", Presets["grok1-fp8"].ModelPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolved_launches_name_each_flag_once_and_agree_with_the_presets_paths()
    {
        foreach (var preset in Presets.Values)
        {
            // "h100" stands for any hardware the '*' entry serves.
            foreach (var hardware in preset.Launch.Keys.Select(k => k == ModelPreset.AnyHardware ? "h100" : k))
            {
                var launch = LaunchResolver.Resolve(preset, hardware);
                var where = $"{preset.Name} on {hardware}";
                Assert.True(launch.ServerArgs.Count(a => a == LaunchResolver.AttentionBackendFlag) == 1, where);
                Assert.True(launch.ServerArgs.Count(a => a == LaunchResolver.TokenizerPathFlag) <= 1, where);
                Assert.True(launch.ServerArgs.Count(a => a == LaunchResolver.QuantizationFlag) <= 1, where);
                Assert.True(launch.ServerArgs.Count(a => a == "--model-path") == 0, $"{where}: the model path is the launch's, not a flag");
                Assert.Equal(launch.TokenizerPath, FlagValue(launch.ServerArgs, LaunchResolver.TokenizerPathFlag));
                Assert.Equal(preset.Quantization, FlagValue(launch.ServerArgs, LaunchResolver.QuantizationFlag));
            }
        }
    }

    private static string? FlagValue(IReadOnlyList<string> args, string flag)
    {
        var at = args.ToList().IndexOf(flag);
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : null;
    }
}
