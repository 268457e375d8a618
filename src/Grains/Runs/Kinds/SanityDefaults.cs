namespace SglangCi.Grains.Runs.Kinds;

/// <summary>What a sanity check does when its <see cref="Interfaces.Runs.RunOptions"/> say nothing.</summary>
public static class SanityDefaults
{
    /// <summary>The old <c>sanity_check.py -t</c> default.</summary>
    public const int Trials = 3;

    /// <summary>The old script retried a server that hung in CUDA graph capture once with <c>--disable-cuda-graph</c>.</summary>
    public const bool RetryWithoutCudaGraph = true;

    public const string DisableCudaGraphFlag = "--disable-cuda-graph";
}
