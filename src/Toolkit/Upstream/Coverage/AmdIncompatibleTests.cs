namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// The old <c>compare_suites.py</c>'s "AMD-incompatible" list (seed inventory §1.11): NVIDIA test files whose path
/// contains one of these substrings were left out of NVIDIA's counts, because they test CUDA-only features
/// (FlashInfer, FA3, DeepEP, ModelOpt, …). Applying it by default keeps the numbers continuous with the old daily
/// reports; the files it drops are still listed, and <c>--include-incompatible</c> counts them.
/// </summary>
public static class AmdIncompatibleTests
{
    public static IReadOnlyList<string> Patterns { get; } =
    [
        "flashinfer", "mamba", "test_fa3.py", "flash_attention_4", "nvidia_nemotron", "modelopt", "torchao",
        "test_mla_fp8.py", "test_mla_int8", "deepep", "mooncake_ep", "lora_llama4", "deepseek_v3_basic",
        "deepseek_v3_mtp", "disaggregation_hybrid", "disaggregation_different_tp", "disaggregation_pp",
        "w4a8_deepseek", "deepseek_v3_fp4_4gpu", "gpt_oss_4gpu", "deepseek_v32", "vllm_dependency", "awq", "bnb",
        "gptqmodel_dynamic", "gguf",
    ];

    public static bool Matches(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Patterns.Any(p => file.Contains(p, StringComparison.OrdinalIgnoreCase));
    }
}
