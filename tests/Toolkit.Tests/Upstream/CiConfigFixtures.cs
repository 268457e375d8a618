namespace SglangCi.Toolkit.Tests.Upstream;

/// <summary>
/// The CI configuration the old report's additional rows are counted from — both PR workflows, the NVIDIA nightly suite
/// list and the AMD nightly thresholds — with the odd bits a line reader must get right. Expected counts are worked out
/// in the comments and collected in <see cref="Expected"/>.
/// </summary>
internal static class CiConfigFixtures
{
    /// <summary>
    /// NVIDIA. performance-test-1-gpu: part 1 has bs1_small, the continued bs1_default (one command) and the inline
    /// online latency (3; the commented-out line and the step name do not count); part 2 has the direct script (1; the
    /// suite runner, pytest and pip do not count) → 4. performance-test-2-gpu: 2. accuracy-test-1-gpu present,
    /// accuracy-test-2-gpu commented out (and the key under <c>concurrency:</c> is not a job), unit-test-frontend present.
    /// </summary>
    public const string NvidiaWorkflow = """
        name: PR Test
        # jobs: in a comment is not the jobs map
        on:
          pull_request:
            branches: [ main ]

        jobs:
          # a comment at job level
          unit-test-frontend:
            runs-on: 1-gpu-runner
            steps:
              - name: Run test
                run: |
                  cd test/lang
                  python3 run_suite.py --suite per-commit

          "performance-test-1-gpu-part-1":   # quoted key with a comment
            runs-on: 1-gpu-runner
            steps:
              - name: Benchmark single latency
                timeout-minutes: 10
                run: |
                  cd test/srt
                  python3 -m unittest test_bench_one_batch.TestBenchOneBatch.test_bs1_small
                  # python3 -m unittest test_bench_one_batch.TestBenchOneBatch.test_disabled

                  python3 -m unittest \
                    test_bench_one_batch.TestBenchOneBatch.test_bs1_default

              - name: Benchmark online latency
                run: python3 -m unittest test_bench_serving.TestBenchServing.test_online_latency_default   # inline
              - name: python3 -m unittest in a step name is not a command
                run: echo done

          performance-test-1-gpu-part-2:
            runs-on: 1-gpu-runner
            steps:
              - run: >-
                  python3 -u test_offline_bench.py
              - name: Not counted
                run: |
                  python3 run_suite.py --suite per-commit-1-gpu
                  python3 -m pytest test_kernels.py
                  pip install -e "python[all]"

          performance-test-2-gpu:
            steps:
              - run: |
                  python3 -m unittest test_bench_serving.TestBenchServing.test_moe_offline_throughput_default
                  python3 -m unittest test_bench_serving.TestBenchServing.test_moe_offline_throughput_without_radix_cache

          accuracy-test-1-gpu:
            steps:
              - run: python3 test_eval_accuracy_large.py

          # accuracy-test-2-gpu:
          #   steps: []

        concurrency:
          accuracy-test-2-gpu: not-a-job
        """;

    /// <summary>
    /// AMD, written with CRLF. performance-test-1-gpu: part 1 has two unittest commands through amd_ci_exec.sh (the second
    /// continued), the container start does not count; part 2 has one direct test file and a suite runner → 3.
    /// bench-test-2-gpu-amd: 1. Both accuracy jobs present (one key single-quoted); unit-test-frontend-amd missing.
    /// </summary>
    public const string AmdWorkflow = """
        name: PR Test (AMD)
        jobs:
          performance-test-1-gpu-part-1-amd:
            strategy:
              matrix:
                runner: [linux-mi300-gpu-1]
            steps:
              - name: Start CI container
                run: bash scripts/ci/amd_ci_start_container.sh
              - name: Benchmark single latency
                run: |
                  bash scripts/ci/amd_ci_exec.sh -w "/sglang-checkout/test/srt" python3 -m unittest test_bench_one_batch.TestBenchOneBatch.test_bs1_small
                  bash scripts/ci/amd_ci_exec.sh -w "/sglang-checkout/test/srt" \
                    -e SGLANG_USE_AITER=1 python3 -m unittest test_bench_one_batch.TestBenchOneBatch.test_bs1_default
          performance-test-1-gpu-part-2-amd:
            steps:
              - run: |
                  bash scripts/ci/amd_ci_exec.sh -w "/sglang-checkout/test/srt" test_offline_bench.py
                  bash scripts/ci/amd_ci_exec.sh python3 run_suite.py --suite per-commit-amd
          bench-test-2-gpu-amd:
            steps:
              - run: |
                  bash scripts/ci/amd_ci_exec.sh -w "/sglang-checkout/test/srt" python3 -m unittest test_bench_serving.TestBenchServing.test_moe_offline_throughput_default
          accuracy-test-1-gpu-amd:
            steps:
              - run: bash scripts/ci/amd_ci_exec.sh -w "/sglang-checkout/test/srt" python3 test_eval_accuracy_large.py
          'accuracy-test-2-gpu-amd':
            steps:
              - run: |
                  bash scripts/ci/amd_ci_exec.sh python3 test_moe_eval_accuracy_large.py
        """;

    /// <summary>NVIDIA nightly: 2 (nightly-1-gpu, one commented out) + 2 (nightly-8-gpu) + 1 (item assignment) = 5; b200/h200/h20 suites left out.</summary>
    public const string RunSuiteNightly = """
        from dataclasses import dataclass

        suites: dict[str, list[TestFile]] = {
            "nightly-1-gpu": [
                TestFile("test_nightly_gsm8k_eval.py", 3600),
                # TestFile("test_disabled.py"),
                TestFile("test_nightly_vlms.py"),
            ],
            "nightly-4-gpu-b200": [TestFile("test_b200.py")],
            "nightly-8-gpu-h200": [TestFile("test_h200.py")],
            "nightly-8-gpu-h20": [TestFile("test_h20.py")],
            "nightly-8-gpu": [TestFile("test_deepseek.py"), TestFile("test_qwen.py")],
        }
        suites["nightly-eval-2-gpu"] = [TestFile("test_eval.py")]
        """;

    /// <summary>AMD nightly: 3 models (one commented out).</summary>
    public const string AmdNightlyThresholds = """
        import unittest

        MODEL_SCORE_THRESHOLDS = {
            "meta-llama/Llama-3.1-8B-Instruct": 0.82,
            "mistralai/Mistral-7B-Instruct-v0.3": 0.58,
            # "deepseek-ai/DeepSeek-Coder-V2-Lite-Instruct": 0.85,
            "Qwen/Qwen2-57B-A14B-Instruct": 0.86,
        }


        class TestNightlyGsm8KEval(unittest.TestCase):
            def test_mgsm_en_all_models(self):
                pass
        """;

    /// <summary>(name, AMD, NVIDIA) in the old reports' order.</summary>
    public static readonly IReadOnlyList<(string Name, int Amd, int Nvidia)> Expected =
    [
        ("nightly-models-test", 3, 5),
        ("unit-test-frontend", 0, 1),
        ("performance-test-1-gpu", 3, 4),
        ("performance-test-2-gpu", 1, 2),
        ("accuracy-test-1-gpu", 1, 1),
        ("accuracy-test-2-gpu", 1, 0),
    ];

    public static TempCheckout WithCiConfig(this TempCheckout checkout) =>
        checkout
            .Write(".github/workflows/pr-test.yml", NvidiaWorkflow)
            .Write(".github/workflows/pr-test-amd.yml", AmdWorkflow.ReplaceLineEndings("\r\n"))
            .Write("test/run_suite_nightly.py", RunSuiteNightly)
            .Write("test/srt/nightly/test_gsm8k_eval_amd.py", AmdNightlyThresholds);
}
