namespace SglangCi.Interfaces.Runs;

/// <summary>
/// A job's own settings, beside its preset's: what differs between two jobs of the same kind. Every field is optional;
/// a null field takes the kind's default.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunOptions
{
    /// <summary>Sanity check: GSM8K trials (K); the check passes when their mean reaches the threshold.</summary>
    [Id(0)]
    public int? Trials { get; init; }

    /// <summary>Sanity check: when the server does not come up (or hangs), start it once more with <c>--disable-cuda-graph</c>.</summary>
    [Id(1)]
    public bool? RetryWithoutCudaGraph { get; init; }

    /// <summary>Unit test: the command run in the image.</summary>
    [Id(2)]
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Unit test, model download, PD: how long the job may take before it is stopped.</summary>
    [Id(3)]
    public TimeSpan? Timeout { get; init; }

    /// <summary>PD: GSM8K questions through the router, and the accuracy they must reach.</summary>
    [Id(4)]
    public int? Questions { get; init; }

    [Id(5)]
    public double? Threshold { get; init; }

    /// <summary>Model download: list what would be fetched, write nothing.</summary>
    [Id(6)]
    public bool? DryRun { get; init; }

    /// <summary>Housekeeping: free space below this many GiB raises a disk-space alert.</summary>
    [Id(7)]
    public double? CriticalFreeGb { get; init; }

    /// <summary>Model download: the download catalog's keys to fetch (<c>GROK1-INT4</c>, case-insensitive); null or empty:
    /// every model of the catalog for the node's hardware.</summary>
    [Id(8)]
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Upstream test: the test files to run, relative to the SGLang checkout's <c>test/srt</c> folder (the old
    /// script's convention) or to the checkout when they start with <c>test/</c>.</summary>
    [Id(9)]
    public IReadOnlyList<string>? Tests { get; init; }

    /// <summary>Model-less kinds: GPUs to lease (upstream test: the old script's <c>--num-gpus</c>); null: the kind's default.</summary>
    [Id(10)]
    public int? Gpus { get; init; }

    /// <summary>PR image: the pull request whose head is fetched (<c>pull/N/head</c>).</summary>
    [Id(11)]
    public int? PullRequest { get; init; }

    /// <summary>PR image: a branch fetched instead of a pull request.</summary>
    [Id(12)]
    public string? Branch { get; init; }

    /// <summary>PR image: the git remote fetched from; null: the silo's configured remote.</summary>
    [Id(13)]
    public string? GitRemote { get; init; }

    /// <summary>Upstream test, PR image: where the SGLang checkout is inside the image; null: <c>/sgl-workspace/sglang</c>.</summary>
    [Id(14)]
    public string? SglangPath { get; init; }

    /// <summary>Upstream test, PR image: environment entries added to the kind's own (e.g. <c>SGLANG_USE_AITER=0</c>).
    /// Not for secrets: options are stored with the run.</summary>
    [Id(15)]
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}
