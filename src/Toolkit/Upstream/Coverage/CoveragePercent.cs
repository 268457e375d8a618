namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// The old reports' coverage figure: <c>round(AMD / NVIDIA × 100)</c> as <c>compare_suites.py</c> computed it, in that
/// order (the ratio first, then × 100: 92/160 gives 57, where 9200/160 would give 58) and rounded as Python's
/// <c>round()</c> does (half to even). It can exceed 100 (AMD runs more); it is undefined (null, "N/A") without NVIDIA tests.
/// </summary>
public static class CoveragePercent
{
    public static int? Of(int amdTests, int nvidiaTests) =>
        nvidiaTests == 0 ? null : (int)Math.Round((double)amdTests / nvidiaTests * 100, MidpointRounding.ToEven);
}
