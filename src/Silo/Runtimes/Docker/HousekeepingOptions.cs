namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// What <see cref="DockerHousekeeping"/> may remove; bound from <c>SglangCi:Docker:Housekeeping</c> (the CLI's
/// <c>housekeeping</c> command fills it from its options). Lists are empty by default and the effective defaults are
/// applied by the <c>Effective…</c> members, so a configured list replaces a default. The defaults follow the old CI's
/// <c>system_cleanup.sh</c>: nightly images older than 7 days, dangling images, every <c>gpucore.*</c>.
/// </summary>
public sealed class HousekeepingOptions
{
    public const string SectionName = "SglangCi:Docker:Housekeeping";

    /// <summary>Image repositories that are ours (<c>*</c> matches any run of characters, e.g. <c>*/sgl-dev</c>); an image is ours when one of its tags is in one.</summary>
    public List<string> Repositories { get; set; } = [];

    public IReadOnlyList<string> EffectiveRepositories => Repositories.Count > 0 ? Repositories : ["*/sgl-dev", "lmsysorg/sglang"];

    /// <summary>Image labels that mark an image as ours, <c>key</c> or <c>key=value</c>.</summary>
    public List<string> Labels { get; set; } = [];

    public IReadOnlyList<string> EffectiveLabels => Labels.Count > 0 ? Labels : [$"{DockerLabels.Managed}=true"];

    /// <summary>An image of ours is removed once it was created this many days ago (0: any age).</summary>
    public int OlderThanDays { get; set; } = 7;

    /// <summary>Remove dangling images (no tag left) that no container uses, ours or not.</summary>
    public bool RemoveDangling { get; set; } = true;

    /// <summary>Folders searched (not recursively) for GPU core dumps.</summary>
    public List<string> CoreDumpDirectories { get; set; } = [];

    /// <summary>File name patterns of core dumps (<c>*</c> and <c>?</c>).</summary>
    public List<string> CoreDumpPatterns { get; set; } = [];

    public IReadOnlyList<string> EffectiveCoreDumpPatterns => CoreDumpPatterns.Count > 0 ? CoreDumpPatterns : ["gpucore.*", "core", "core.*"];

    /// <summary>A core dump is removed once its last write is this old (the old CI: 0, every one).</summary>
    public TimeSpan CoreDumpMinimumAge { get; set; } = TimeSpan.Zero;

    /// <summary>List what would be removed, remove nothing.</summary>
    public bool DryRun { get; set; }
}
