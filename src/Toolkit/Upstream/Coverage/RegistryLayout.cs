namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>How an SGLang checkout declares which CI suite runs which test file; a checkout in transition has both.</summary>
public enum RegistryLayout
{
    /// <summary>Era A (through ≈ Nov 2025): the <c>suites = {…}</c> dicts of <c>test/srt/run_suite.py</c>.</summary>
    SuiteDictionary,

    /// <summary>Era B (≈ Nov 2025 on): <c>register_*_ci(...)</c> calls at the top of each <c>test/registered/**/*.py</c>.</summary>
    PerFileRegistration,
}
