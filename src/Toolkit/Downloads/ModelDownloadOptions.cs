namespace SglangCi.Toolkit.Downloads;

/// <summary>How <see cref="ModelDownloader"/> behaves; the defaults suit a node pulling hundreds of GB over a flaky link.</summary>
public sealed record ModelDownloadOptions
{
    /// <summary>Plan only: list files, sizes and what is already there, write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Hash files that look complete (same size) instead of trusting their size; slow for big repos, so opt-in.</summary>
    public bool Verify { get; init; }

    /// <summary>Tries per file for transient failures (dropped connection, 5xx, 429); each retry resumes where it stopped.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait before the first retry; doubles each time.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Files downloaded at the same time (the Hub's CDN is faster with a few streams, like huggingface-cli's workers).</summary>
    public int MaxParallelFiles { get; init; } = 4;

    /// <summary>Revision to download; null: the client's default.</summary>
    public string? Revision { get; init; }
}
