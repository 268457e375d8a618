namespace SglangCi.Toolkit.History.Records;

/// <summary>
/// One invocation of an old benchmark job, the unit the dashboard shows as a run. Its identity is the series key
/// (hardware, host, model, mode, image tag) plus the time the job's script started, so the same invocation seen
/// from its result folder and from its cron log is the same run, and re-importing finds it again.
/// </summary>
public sealed record HistoryRun
{
    public required string Hardware { get; init; }

    /// <summary>The machine that ran it; <see cref="UnknownHost"/> when no file names it.</summary>
    public required string Host { get; init; }

    /// <summary>The model folder name of the old CI (GROK1, DeepSeek-V3-0324, …).</summary>
    public required string Model { get; init; }

    /// <summary>The old CI's mode suffix: <c>online</c>, <c>online_dp_attention</c>, <c>online_mtp_test</c>, ….</summary>
    public required string Mode { get; init; }

    public required ImageTag Image { get; init; }

    /// <summary>When the job's script started; the invocation's identity within its series.</summary>
    public required DateTimeOffset InvokedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary><see cref="Succeeded"/> or <see cref="Failed"/>, as far as the files tell.</summary>
    public string Status { get; init; } = Succeeded;

    /// <summary>Why it failed, in words (<c>GSM8K 0.781 below threshold 0.8</c>); null when it succeeded.</summary>
    public string? Reason { get; init; }

    /// <summary>The result folder or cron log it was read from.</summary>
    public required string SourcePath { get; init; }

    public const string UnknownHost = "unknown";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>A stable, readable id: <c>seed-20251206T151532-deepseek-v3-0324-online-mi30x-t12-38-1a2b3c</c>.</summary>
    public string Id => HistoryRunId.For(this);
}
