namespace SglangCi.Grains.Runs.Kinds;

/// <summary>What a unit-test job runs when its <see cref="Interfaces.Runs.RunOptions"/> say nothing: the old nightly's test.</summary>
public static class UnitTestDefaults
{
    /// <summary>
    /// <c>scripts/test_nightly.sh</c>'s command: the custom all-reduce tests on all eight GPUs, from the directory the
    /// test moved to (test/srt before Nov 2025, test/manual since).
    /// </summary>
    public static IReadOnlyList<string> Command { get; } =
    [
        "sh",
        "-c",
        "cd /sgl-workspace/sglang/test/manual && CUDA_VISIBLE_DEVICES=0,1,2,3,4,5,6,7 python3 -m unittest test_custom_allreduce.TestCustomAllReduce",
    ];

    /// <summary>The custom all-reduce tests take 1.5 to 6 minutes; 30 minutes is a hang, not a slow night.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromMinutes(30);
}
