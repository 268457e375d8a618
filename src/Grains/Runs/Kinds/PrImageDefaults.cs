namespace SglangCi.Grains.Runs.Kinds;

/// <summary>What a PR image run does when its options say nothing.</summary>
public static class PrImageDefaults
{
    /// <summary>A fetch of one PR head and a checkout take a minute or two; the old script's kernel rebuild took up to
    /// half an hour, so 30 minutes means the remote or the node hangs, not a big PR.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromMinutes(30);

}
