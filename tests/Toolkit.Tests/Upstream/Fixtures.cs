namespace SglangCi.Toolkit.Tests.Upstream;

/// <summary>
/// Registry files shaped like upstream's, small enough to count by hand. The expected numbers in the tests are worked
/// out in the comments here.
/// </summary>
internal static class Fixtures
{
    /// <summary>
    /// Era A. Compared per-commit: 1-gpu NVIDIA abort, lora, metrics, only_nvidia (+ fa3 excluded) vs AMD abort, lora,
    /// rope_rocm, metrics (MI300 + MI355 deduplicated); 2-gpu 2 vs 1; 4-gpu 2 vs 0 (b200 not compared); 8-gpu 1
    /// (+ disaggregation_pp excluded) vs 1; nightly-1-gpu 1 vs 1. Not compared: per-commit-4-gpu-b200,
    /// vllm_dependency_test, per-commit-cpu.
    /// </summary>
    public const string RunSuite = """
        import argparse
        from dataclasses import dataclass


        @dataclass
        class TestFile:
            name: str
            estimated_time: float = 60


        suites = {
            "per-commit-1-gpu": [
                TestFile("test_abort.py", 51),
                TestFile("lora/test_lora.py", 200),
                # TestFile("test_disabled_by_comment.py", 30),
                TestFile("test_fa3.py", 100),
                TestFile(name="test_metrics.py", estimated_time=32),
                TestFile("test_only_nvidia.py"),  # default 60 s
            ],
            "per-commit-2-gpu": [
                TestFile("test_dp_attention.py", 300),
                TestFile("test_data_parallelism.py", 70),
            ],
            "per-commit-4-gpu-b200": [TestFile("test_b200_only.py", 10)],
            "per-commit-8-gpu-h200": [TestFile("test_disaggregation_pp.py", 140), TestFile("test_full_deepseek_v3.py", 500)],
            "nightly-1-gpu": [TestFile("test_nightly_gsm8k_eval.py")],
            "vllm_dependency_test": [TestFile("test_vllm_dependency.py")],
        }

        suite_amd = {
            "per-commit-amd": [
                TestFile("test_abort.py", 60),
                TestFile("lora/test_lora.py", 250),
                TestFile("test_rope_rocm.py", 40),
                # TestFile("test_metrics.py", 32),
            ],
            "per-commit-amd-mi35x": [
                TestFile("test_abort.py", 70),
                TestFile("test_metrics.py"),
            ],
            "per-commit-2-gpu-amd": [TestFile("test_data_parallelism.py", 80)],
            "per-commit-8-gpu-amd": [TestFile("test_full_deepseek_v3.py", 900)],
            "nightly-amd": [TestFile("nightly/test_gsm8k_eval_amd.py", 3600)],
        }

        suite_xeon = {"per-commit-cpu": [TestFile("cpu/test_cpu.py")]}

        suites.update(suite_amd)
        suites.update(suite_xeon)
        suites["per-commit-4-gpu"] = [TestFile("test_pp_single_node.py", 120), TestFile("test_local_attn.py", 90)]


        if __name__ == "__main__":
            suites["ignored-inside-main"] = []
            main()

        """;

    /// <summary>
    /// Era B. Per-commit 1-gpu NVIDIA basic, disabled (+ flashinfer excluded) vs AMD basic, nested (disabled AMD
    /// registration not counted); 2-gpu positional 1 vs 1; 4-gpu stage+runner_config 1 vs 1; nightly-8-gpu 1 vs 0.
    /// </summary>
    public static readonly IReadOnlyList<(string Path, string Text)> RegisteredFiles =
    [
        ("test/registered/__init__.py", ""),
        ("test/registered/test_basic.py", """
            import unittest

            from sglang.test.ci.ci_register import register_amd_ci, register_cpu_ci, register_cuda_ci

            register_cuda_ci(est_time=100, suite="stage-b-test-small-1-gpu")
            register_amd_ci(est_time=106, suite="stage-b-test-small-1-gpu-amd")
            register_cpu_ci(30, "per-commit-cpu")


            class TestBasic(unittest.TestCase):
                def test_x(self):
                    register_cuda_ci(est_time=1, suite="indented-so-ignored")

            """),
        ("test/registered/models/llm/test_positional.py", """
            register_cuda_ci(200, "stage-b-test-large-2-gpu")
            register_amd_ci(220, "stage-b-test-large-2-gpu-amd", False, None)
            """),
        ("test/registered/stage/test_stage.py", """
            register_cuda_ci(est_time=50, stage="stage-c", runner_config="4-gpu-h100")
            register_amd_ci(est_time=45, stage="stage-c", runner_config="4-gpu-amd", in_process_group="g")
            """),
        ("test/registered/perf/test_nightly_perf.py", """
            register_cuda_ci(600, "stage-x-perf-8-gpu", True)
            """),
        ("test/registered/test_disabled.py", """
            register_cuda_ci(est_time=80, suite="stage-b-test-small-1-gpu")
            register_amd_ci(est_time=80, suite="stage-b-test-small-1-gpu-amd", disabled="flaky on MI300, see #123")
            """),
        ("test/registered/attention/test_flashinfer_backend.py", """
            register_cuda_ci(est_time=70, suite="stage-b-test-small-1-gpu")
            """),
        ("test/registered/deep/a/b/test_nested.py", """
            register_amd_ci(est_time=10, suite="stage-b-test-small-1-gpu-amd-mi35x")
            register_amd_ci(est_time=15, suite="stage-b-test-small-1-gpu-amd")
            """),
    ];
}
