using SglangCi.Toolkit.Parsing.BenchServing;

namespace SglangCi.Toolkit.Tests.Parsing;

/// <summary>The real seed outputs under seed-history, grouped the way the parsers read them, with why a file holds no result.</summary>
internal static class SeedCorpus
{
    private static readonly Lazy<IReadOnlyList<string>> AllFiles = new(() =>
        Directory.EnumerateFiles(TestPaths.SeedHistory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList());

    public static IReadOnlyList<string> Files => AllFiles.Value;

    public static string Relative(string path) => Path.GetRelativePath(TestPaths.SeedHistory, path);

    /// <summary>Text files that print a bench_serving block header (the timing summaries' "Serving Benchmark Results:" section is not one).</summary>
    public static IEnumerable<string> BenchServingBlockFiles() =>
        Files.Where(f => f.EndsWith(".log", StringComparison.Ordinal) && ReadText(f).Contains("============ Serving Benchmark Result ============", StringComparison.Ordinal));

    /// <summary>Every bench_serving client log by name (Grok <c>sglang_client_log_M_aiter_RATE_runK_*.log</c>, DeepSeek <c>sglang_serving_benchmark_*.log</c>).</summary>
    public static IEnumerable<string> BenchServingClientLogs() =>
        Files.Where(f =>
        {
            var name = Path.GetFileName(f);
            return name.StartsWith("sglang_serving_benchmark_", StringComparison.Ordinal)
                || (name.StartsWith("sglang_client_log_", StringComparison.Ordinal) && name.Contains("_run", StringComparison.Ordinal) && !name.Contains("gsm8k", StringComparison.Ordinal));
        });

    /// <summary>GSM8K client logs: the online gate's <c>sglang_client_log_M_gsm8k[_aiter].log</c> and the sanity check's <c>*_client_try*.log</c>.</summary>
    public static IEnumerable<string> Gsm8kClientLogs() =>
        Files.Where(f =>
        {
            var name = Path.GetFileName(f);
            return (name.StartsWith("sglang_client_log_", StringComparison.Ordinal) && name.Contains("gsm8k", StringComparison.Ordinal))
                || name.Contains("_client_try", StringComparison.Ordinal);
        });

    public static IEnumerable<string> TimingSummaries() =>
        Files.Where(f => Path.GetFileName(f).StartsWith("timing_summary_", StringComparison.Ordinal) && f.EndsWith(".log", StringComparison.Ordinal));

    public static string ReadText(string path) => File.ReadAllText(path);

    /// <summary>Why a bench_serving client log has no block.</summary>
    public static string WhyNoBenchServingResult(string text)
    {
        if (text.Trim().Length == 0)
        {
            return "empty file";
        }

        if (text.Contains("Warmup failed", StringComparison.Ordinal) || (text.Contains("Traceback", StringComparison.Ordinal) && !text.Contains("Starting main benchmark run", StringComparison.Ordinal)))
        {
            return "client failed before the main run (traceback / warm-up failure)";
        }

        if (text.Contains("Starting main benchmark run", StringComparison.Ordinal))
        {
            return "killed during the main run (no summary printed)";
        }

        if (text.Contains("Downloading from", StringComparison.Ordinal) && !text.Contains("Starting warmup", StringComparison.Ordinal))
        {
            return "ShareGPT download failed (node offline): bench_serving exited before the warm-up";
        }

        if (!text.Contains("benchmark_args", StringComparison.Ordinal))
        {
            return "only the wrapper's start lines: killed right after launch";
        }

        return "stopped before the benchmark started";
    }

    /// <summary>Why a GSM8K client log has no result.</summary>
    public static string WhyNoGsm8kResult(string text)
    {
        if (text.Trim().Length == 0)
        {
            return "empty file (server never became ready, gate not run)";
        }

        if (text.Contains("Accuracy not found", StringComparison.Ordinal))
        {
            return "every run ended without bench_sglang's result lines (wrapper: 'Accuracy not found')";
        }

        if (text.Contains("Server is not responding", StringComparison.Ordinal))
        {
            return "server crashed during the gate; log ends after a restart, no run finished";
        }

        if (text.Contains("Traceback", StringComparison.Ordinal))
        {
            return "client traceback before any run finished";
        }

        if (text.Contains("it/s]", StringComparison.Ordinal) || text.Contains("s/it]", StringComparison.Ordinal))
        {
            return "killed mid-run (progress bar only)";
        }

        return "killed during the first run (log ends at 'Executing GSM8K test Run 1')";
    }

    /// <summary>Why a timing summary has no result.</summary>
    public static string WhyNoTimingResult(string text)
    {
        if (text.Trim().Length == 0)
        {
            return "empty file";
        }

        if (text.Contains("Status: SKIPPED", StringComparison.Ordinal) || text.Contains(": SKIPPED - Model path does not exist", StringComparison.Ordinal))
        {
            return "job skipped (prerequisites not met / model files missing)";
        }

        if (text.Contains("Server startup: FAILED", StringComparison.Ordinal))
        {
            return "sanity: every server failed to start (e.g. out of memory), no trial ran";
        }

        if (text.Contains("Server startup time:", StringComparison.Ordinal) || text.Contains("Server startup:", StringComparison.Ordinal))
        {
            return "server started, then the job died before the GSM8K gate or a benchmark wrote a number";
        }

        return "header only: the job died (crash, kill, or a concurrent rerun) before writing a result";
    }

    /// <summary>Parses every block of a file, for the counts.</summary>
    public static IReadOnlyList<BenchServingResult> BenchServing(string path) => BenchServingParser.ParseFile(path);
}
