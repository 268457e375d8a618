namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>What a suite name (and era B's backend) says about where and when its tests run.</summary>
/// <param name="GpuCount">From the <c>&lt;N&gt;-gpu</c> token; 1 when there is none (<c>per-commit</c>, <c>per-commit-amd</c>).</param>
/// <param name="Nightly">Nightly/periodic rather than run on every commit.</param>
/// <param name="IsMi355">An AMD MI355 suite (<c>mi35x</c> token); MI300-class otherwise.</param>
public sealed record SuiteClass(CiPlatform Platform, int GpuCount, bool Nightly, bool IsMi355);
