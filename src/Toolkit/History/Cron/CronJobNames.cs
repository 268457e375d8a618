namespace SglangCi.Toolkit.History.Cron;

/// <summary>
/// The old crontabs' benchmark job logs and what each ran, for cron logs that never name their result folder. A log
/// name with a rerun/retry/manual suffix is the same job run again (<c>grok_nightly_rerun.log</c>).
/// </summary>
public static class CronJobNames
{
    private static readonly (string Job, string? Model, string Mode)[] Jobs =
    [
        ("deepseek_dp_attention_torch_compile", null, "online_dp_attention_torch_compile"),
        ("deepseek_dp_attention", null, "online_dp_attention"),
        ("deepseek_torch_compile", null, "online_torch_compile"),
        ("deepseek_nightly_online", null, "online"),
        ("deepseek_r1_mxfp4_dp_mtp", "DeepSeek-R1-MXFP4-Preview", "online_dp_attention_mtp_test"),
        ("deepseek_r1_mxfp4_dp_test", "DeepSeek-R1-MXFP4-Preview", "online_dp_attention"),
        ("deepseek_r1_mxfp4_mtp", "DeepSeek-R1-MXFP4-Preview", "online_mtp_test"),
        ("grok2_nightly", "GROK2", "online"),
        ("grok_nightly", "GROK1", "online"),
    ];

    /// <summary>The benchmark job a log file belongs to, or null for other jobs (sanity, tests, cleanup, alerts).</summary>
    public static (string Job, string? Model, string Mode)? BenchmarkJob(string fileName)
    {
        foreach (var job in Jobs)
        {
            if (fileName.StartsWith(job.Job, StringComparison.Ordinal) && fileName.Contains(".log", StringComparison.Ordinal))
            {
                return job;
            }
        }

        return null;
    }

    /// <summary>The old crontabs' other jobs: their logs hold no measurement this importer keeps.</summary>
    private static readonly string[] OtherJobs =
    [
        "test_nightly", "sanity_check", "daily_summary_alert", "compare_suites_alert", "system_cleanup", "docker_cleanup",
        "retry_failed_tests", "pd_test_nightly", "upload_test", "test_cron", "sequential_rerun_master", "manual_recovery",
    ];

    /// <summary>A log of a job the old crontabs ran that is not a benchmark (tests, cleanup, alerts, orchestration).</summary>
    public static bool IsOtherKnownJob(string fileName) => OtherJobs.Any(job => fileName.StartsWith(job, StringComparison.Ordinal));

    public static bool IsImageCheck(string fileName) =>
        fileName.StartsWith("docker_image_check", StringComparison.Ordinal) && fileName.Contains(".log", StringComparison.Ordinal);
}
