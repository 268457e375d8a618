using SglangCi.Toolkit.Upstream.Coverage.Python;

namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// The old report's <c>nightly-models-test</c> row, counted as <c>compare_suites.py</c> counted it. NVIDIA: the
/// <c>TestFile(…)</c> entries of <c>test/run_suite_nightly.py</c>'s suites, leaving out suites whose name contains
/// b200, h200, h20 or gb200 (the old tool's own list, kept for this row alone so its history continues). AMD: the
/// models in <c>MODEL_SCORE_THRESHOLDS</c> of the AMD nightly GSM8K test. Both files are read as data, never run. A
/// missing file counts 0 and says so in <see cref="AdditionalCategory.Basis"/> — it is not a warning, which is kept
/// for content that could not be read — so the row, like the old tool's, is always there.
/// </summary>
public static class NightlyModelCounter
{
    public const string Name = "nightly-models-test";
    public const string NvidiaPath = "test/run_suite_nightly.py";

    /// <summary>Where the AMD test lives, newest first (it moved into <c>nightly/</c> during 2025).</summary>
    public static readonly IReadOnlyList<string> AmdPaths = ["test/srt/nightly/test_gsm8k_eval_amd.py", "test/srt/test_nightly_gsm8k_eval_amd.py"];

    private static readonly string[] ExcludedSuiteParts = ["b200", "h200", "h20", "gb200"];

    public static AdditionalCategory Count(string checkoutRoot, ICollection<CoverageWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(checkoutRoot);
        ArgumentNullException.ThrowIfNull(warnings);
        var nvidia = ReadModule(checkoutRoot, NvidiaPath, warnings) is { } suites ? CountNvidia(suites) : 0;
        var amdPath = AmdPaths.FirstOrDefault(p => File.Exists(Path.Combine(checkoutRoot, p))) ?? AmdPaths[0];
        var amd = ReadModule(checkoutRoot, amdPath, warnings) is { } thresholds ? CountAmd(thresholds, warnings) : 0;
        return new AdditionalCategory(Name, Nightly: true, nvidia, amd,
            $"NVIDIA: TestFile entries in {NvidiaPath}{Missing(checkoutRoot, NvidiaPath)} outside suites naming {string.Join('/', ExcludedSuiteParts)}; "
            + $"AMD: models in MODEL_SCORE_THRESHOLDS of {amdPath}{Missing(checkoutRoot, amdPath)}");
    }

    /// <summary>Every suite dict literal at module level (assigned or item-assigned), later assignments replacing earlier.</summary>
    public static int CountNvidia(PythonModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var suites = new Dictionary<string, PythonValue>(StringComparer.Ordinal);
        foreach (var assignment in module.Statements.OfType<PythonAssignment>())
        {
            if (assignment is { Key: null, Value: PythonDict dict })
            {
                foreach (var (key, value) in dict.Entries.Where(e => e.Key is PythonString))
                {
                    suites[((PythonString)key).Value] = value;
                }
            }
            else if (assignment is { Key: PythonString suite })
            {
                suites[suite.Value] = assignment.Value;
            }
        }

        return suites
            .Where(s => !ExcludedSuiteParts.Any(p => s.Key.Contains(p, StringComparison.OrdinalIgnoreCase)))
            .Sum(s => s.Value is PythonSequence list ? list.Items.Count(i => i is PythonCall { Function: "TestFile" or "run_suite.TestFile" }) : 0);
    }

    public static int CountAmd(PythonModule module, ICollection<CoverageWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(warnings);
        var thresholds = module.Statements.OfType<PythonAssignment>().LastOrDefault(a => a is { Target: "MODEL_SCORE_THRESHOLDS", Key: null });
        if (thresholds?.Value is PythonDict dict)
        {
            return dict.Entries.Select(e => e.Key is PythonString s ? s.Value : null).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        }

        warnings.Add(new CoverageWarning(module.File, thresholds?.Line ?? 0, "no MODEL_SCORE_THRESHOLDS dict literal; AMD nightly models count 0"));
        return 0;
    }

    private static string Missing(string checkoutRoot, string relativePath) =>
        File.Exists(Path.Combine(checkoutRoot, relativePath)) ? "" : " (not found: 0)";

    private static PythonModule? ReadModule(string checkoutRoot, string relativePath, ICollection<CoverageWarning> warnings)
    {
        var path = Path.Combine(checkoutRoot, relativePath);
        return !File.Exists(path) ? null : PythonSource.Read(path, relativePath, warnings) is { } text ? PythonModule.Read(text, relativePath, warnings) : null;
    }
}
