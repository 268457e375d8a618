namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// Turns registrations (from either layout or both) into a <see cref="CoverageComparison"/>: classifies each suite,
/// leaves out disabled tests and suites that are not compared, groups the rest by (nightly, GPU count) and platform,
/// and deduplicates files by their normalised path.
/// </summary>
public static class CoverageComparer
{
    /// <summary>The per-commit rows the old reports always had, present even when empty so the CSV keeps its shape.</summary>
    private static readonly int[] AlwaysReportedGpuCounts = [1, 2, 4, 8];

    public static CoverageComparison Compare(
        IEnumerable<RegisteredTest> tests,
        CoverageOptions options,
        string repository,
        string? commit,
        IReadOnlyList<RegistryLayout> layouts,
        IReadOnlyList<CoverageWarning> warnings,
        IReadOnlyList<AdditionalCategory>? additional = null)
    {
        ArgumentNullException.ThrowIfNull(tests);
        ArgumentNullException.ThrowIfNull(options);
        var all = tests.ToList();
        var compared = new List<(RegisteredTest Test, SuiteClass Class)>();
        var notCompared = new List<(RegisteredTest Test, CiPlatform Platform, string Reason)>();
        foreach (var test in all.Where(t => !t.IsDisabled))
        {
            var suiteClass = SuiteClassifier.Classify(test);
            if (SuiteSelection.NotComparedReason(test, suiteClass) is { } reason)
            {
                notCompared.Add((test, suiteClass.Platform, reason));
            }
            else
            {
                compared.Add((test, suiteClass));
            }
        }

        var keys = compared.Select(c => (c.Class.Nightly, c.Class.GpuCount))
            .Concat(AlwaysReportedGpuCounts.Select(n => (Nightly: false, GpuCount: n)))
            .Distinct()
            .OrderBy(k => k.Nightly)
            .ThenBy(k => k.GpuCount)
            .ToList();
        var categories = keys
            .Select(k => Category(k.Nightly, k.GpuCount, compared.Where(c => c.Class.Nightly == k.Nightly && c.Class.GpuCount == k.GpuCount).ToList(), options))
            .ToList();
        // The old tool's sums (checked against its real CSVs): Per-PR = per-commit rows + non-nightly additional rows,
        // Nightly = nightly-models-test, Total = Per-PR + Nightly. Per-GPU nightly categories stay out of every sum.
        var extra = additional ?? [];
        var perCommit = categories.Where(c => !c.Nightly).ToList();
        var perPr = CoverageSubtotal.Sum(CoverageSubtotal.PerPr, perCommit, extra.Where(a => !a.Nightly));
        var nightly = CoverageSubtotal.Sum(CoverageSubtotal.Nightly, [], extra.Where(a => a.Nightly));
        return new CoverageComparison
        {
            Repository = repository,
            Commit = commit,
            Layouts = layouts,
            IncludesIncompatible = options.IncludeIncompatible,
            Categories = categories,
            Additional = extra,
            PerPr = perPr,
            Nightly = nightly,
            Total = CoverageSubtotal.Sum(CoverageSubtotal.Total, perCommit, extra),
            Disabled = all.Where(t => t.IsDisabled).OrderBy(t => t.File, StringComparer.Ordinal).ThenBy(t => t.Suite, StringComparer.Ordinal).ToList(),
            NotCompared = notCompared
                .GroupBy(n => (n.Test.Suite, n.Platform, n.Reason))
                .Select(g => new NotComparedSuite(g.Key.Suite, g.Key.Platform, g.Select(n => n.Test.File).Distinct().Count(), g.Key.Reason))
                .OrderBy(n => n.Suite, StringComparer.Ordinal)
                .ToList(),
            Warnings = warnings,
        };
    }

    private static CoverageCategory Category(bool nightly, int gpuCount, List<(RegisteredTest Test, SuiteClass Class)> tests, CoverageOptions options)
    {
        var nvidia = Files(tests, CiPlatform.Nvidia);
        var amd = Files(tests, CiPlatform.Amd);
        List<CoverageFile> excluded = options.IncludeIncompatible ? [] : nvidia.Values.Where(f => AmdIncompatibleTests.Matches(f.File)).ToList();
        foreach (var file in excluded)
        {
            nvidia.Remove(file.File);
        }

        return new CoverageCategory
        {
            Name = CoverageCategory.NameFor(nightly, gpuCount),
            Section = nightly ? CoverageCategory.AdditionalSection : CoverageCategory.PerPrSection,
            Nightly = nightly,
            GpuCount = gpuCount,
            NvidiaEstimatedSeconds = nvidia.Values.Sum(f => f.EstimatedSeconds ?? 0),
            AmdEstimatedSeconds = amd.Values.Sum(f => f.EstimatedSeconds ?? 0),
            NvidiaSuites = Suites(tests, CiPlatform.Nvidia),
            AmdSuites = Suites(tests, CiPlatform.Amd),
            NvidiaOnly = nvidia.Values.Where(f => !amd.ContainsKey(f.File)).ToList(),
            AmdOnly = amd.Values.Where(f => !nvidia.ContainsKey(f.File)).ToList(),
            Common = nvidia.Keys.Where(amd.ContainsKey).ToList(),
            ExcludedIncompatible = excluded,
        };
    }

    /// <summary>One entry per normalised file, sorted, with the largest estimate any of its registrations gives.</summary>
    private static SortedDictionary<string, CoverageFile> Files(List<(RegisteredTest Test, SuiteClass Class)> tests, CiPlatform platform)
    {
        var files = new SortedDictionary<string, CoverageFile>(StringComparer.Ordinal);
        foreach (var (test, _) in tests.Where(t => t.Class.Platform == platform))
        {
            var key = TestPath.Normalize(test.File);
            var estimate = files.TryGetValue(key, out var seen) ? Max(seen.EstimatedSeconds, test.EstimatedSeconds) : test.EstimatedSeconds;
            files[key] = new CoverageFile(key, estimate);
        }

        return files;
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static IReadOnlyList<string> Suites(List<(RegisteredTest Test, SuiteClass Class)> tests, CiPlatform platform) =>
        tests.Where(t => t.Class.Platform == platform).Select(t => t.Test.Suite).Distinct().Order(StringComparer.Ordinal).ToList();
}
