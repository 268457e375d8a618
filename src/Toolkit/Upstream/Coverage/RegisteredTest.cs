using SglangCi.Toolkit.History;

namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// One test file in one CI suite, as a registry declares it. <see cref="File"/> is relative to the checkout's
/// <c>test/</c> folder in both layouts (era A's <c>test/srt</c>-relative names get <c>srt/</c> in front), so a file
/// listed by both layouts is the same key.
/// </summary>
/// <param name="Backend">Era B's <c>register_&lt;backend&gt;_ci</c> name (cuda, amd, cpu, …); null in era A, where only the suite name tells.</param>
/// <param name="EstimatedSeconds">The registry's estimate; era A defaults to 60 as its dataclass does; null when era B leaves it out.</param>
/// <param name="DisabledReason">Era B's <c>disabled="reason"</c>: registered but not run. Null when enabled.</param>
/// <param name="Source">The registry file (relative to the checkout) and line.</param>
public sealed record RegisteredTest(
    string File,
    string Suite,
    string? Backend,
    double? EstimatedSeconds,
    bool Nightly,
    string? DisabledReason,
    RegistryLayout Layout,
    SourceRef Source)
{
    public bool IsDisabled => DisabledReason is not null;
}
