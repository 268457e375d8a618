using SglangCi.Toolkit.History;
using SglangCi.Toolkit.Upstream.Coverage.Python;

namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// Era A: reads <c>test/srt/run_suite.py</c>'s <c>suites = {"name": [TestFile("x.py", 60), …]}</c> as data, following
/// what the module does to it at import time — <c>suites.update(suite_amd)</c> merges another <c>suite_*</c> dict,
/// <c>suites["name"] = [...]</c> replaces one suite. Commented-out entries are how upstream disables a test, and
/// comments never reach the reader, so they are skipped by construction.
/// </summary>
public static class SuiteDictionaryReader
{
    public const string RelativePath = "test/srt/run_suite.py";

    /// <summary>The <c>TestFile</c> dataclass's default <c>estimated_time</c>.</summary>
    public const double DefaultEstimatedSeconds = 60;

    private const string SuitesVariable = "suites";

    public static IReadOnlyList<RegisteredTest> Read(string checkoutRoot, ICollection<CoverageWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(checkoutRoot);
        ArgumentNullException.ThrowIfNull(warnings);
        var text = PythonSource.Read(Path.Combine(checkoutRoot, RelativePath), RelativePath, warnings);
        return text is null ? [] : ReadSource(text, warnings);
    }

    /// <summary>Reads the text of a <c>run_suite.py</c> (what <see cref="Read"/> does once the file is loaded).</summary>
    public static IReadOnlyList<RegisteredTest> ReadSource(string source, ICollection<CoverageWarning> warnings)
    {
        var module = PythonModule.Read(source, RelativePath, warnings);
        var suites = MergedSuites(module, warnings);
        var tests = new List<RegisteredTest>();
        foreach (var (suite, entries) in suites)
        {
            if (entries is not PythonSequence list)
            {
                Warn(warnings, entries.Line, $"suite '{suite}' is not a list literal; skipped");
                continue;
            }

            foreach (var entry in list.Items)
            {
                if (ReadEntry(suite, entry, warnings) is { } test)
                {
                    tests.Add(test);
                }
            }
        }

        return tests;
    }

    /// <summary>The suites as the module leaves them: <c>suites</c>, then updates and item assignments in order.</summary>
    private static Dictionary<string, PythonValue> MergedSuites(PythonModule module, ICollection<CoverageWarning> warnings)
    {
        var dicts = new Dictionary<string, PythonDict>(StringComparer.Ordinal);
        var merged = new HashSet<string>(StringComparer.Ordinal);
        var suites = new Dictionary<string, PythonValue>(StringComparer.Ordinal);
        var sawSuites = false;
        foreach (var statement in module.Statements)
        {
            switch (statement)
            {
                case PythonAssignment { Key: null, Value: PythonDict dict } a when a.Target == SuitesVariable || a.Target.StartsWith("suite_", StringComparison.Ordinal):
                    dicts[a.Target] = dict;
                    if (a.Target == SuitesVariable)
                    {
                        sawSuites = true;
                        suites.Clear();
                        MergeInto(suites, dict, warnings);
                    }

                    break;
                case PythonAssignment { Target: SuitesVariable, Key: { } key } a:
                    if (key is PythonString name)
                    {
                        suites[name.Value] = a.Value;
                    }
                    else
                    {
                        Warn(warnings, a.Line, "suites[…] assignment with a key that is not a string literal; skipped");
                    }

                    break;
                case PythonCallStatement { Call.Function: "suites.update" } update:
                    MergeUpdate(update.Call, dicts, merged, suites, warnings);
                    break;
            }
        }

        if (!sawSuites)
        {
            Warn(warnings, 0, "no module-level 'suites = {…}' dict found");
        }

        foreach (var (name, dict) in dicts.Where(d => d.Key != SuitesVariable && !merged.Contains(d.Key)))
        {
            // The old tool read suite_amd whether or not it was merged; keep doing so, but say so.
            Warn(warnings, dict.Line, $"'{name}' is never merged with suites.update(); its suites are counted anyway");
            MergeInto(suites, dict, warnings);
        }

        return suites;
    }

    private static void MergeUpdate(
        PythonCall call,
        Dictionary<string, PythonDict> dicts,
        HashSet<string> merged,
        Dictionary<string, PythonValue> suites,
        ICollection<CoverageWarning> warnings)
    {
        switch (call.Positional.Count == 1 ? call.Positional[0] : null)
        {
            case PythonName reference when dicts.TryGetValue(reference.Name, out var dict):
                merged.Add(reference.Name);
                MergeInto(suites, dict, warnings);
                break;
            case PythonDict literal:
                MergeInto(suites, literal, warnings);
                break;
            default:
                Warn(warnings, call.Line, "suites.update(…) of something other than a suite_* dict or a dict literal; skipped");
                break;
        }
    }

    private static void MergeInto(Dictionary<string, PythonValue> suites, PythonDict dict, ICollection<CoverageWarning> warnings)
    {
        foreach (var (key, value) in dict.Entries)
        {
            if (key is PythonString name)
            {
                suites[name.Value] = value;
            }
            else
            {
                Warn(warnings, key.Line, "suite name that is not a string literal; skipped");
            }
        }
    }

    private static RegisteredTest? ReadEntry(string suite, PythonValue entry, ICollection<CoverageWarning> warnings)
    {
        PythonValue? name;
        PythonValue? estimate = null;
        switch (entry)
        {
            case PythonString plain:
                name = plain;
                break;
            case PythonCall { Function: "TestFile" or "run_suite.TestFile" } call:
                name = call.Positional.Count > 0 ? call.Positional[0] : call.Keyword("name");
                estimate = call.Positional.Count > 1 ? call.Positional[1] : call.Keyword("estimated_time");
                break;
            default:
                Warn(warnings, entry.Line, $"entry of suite '{suite}' is not TestFile(\"…\"[, seconds]); skipped");
                return null;
        }

        if (name is not PythonString file || (estimate is not null and not PythonNumber))
        {
            Warn(warnings, entry.Line, $"TestFile in suite '{suite}' has a name or estimated time that is not a literal; skipped");
            return null;
        }

        var seconds = (estimate as PythonNumber)?.Value ?? DefaultEstimatedSeconds;
        var nightly = suite.StartsWith("nightly", StringComparison.Ordinal);
        return new RegisteredTest(TestPath.Combine("srt", file.Value), suite, null, seconds, nightly, null, RegistryLayout.SuiteDictionary, new SourceRef(RelativePath, entry.Line));
    }

    private static void Warn(ICollection<CoverageWarning> warnings, int line, string message) =>
        warnings.Add(new CoverageWarning(RelativePath, line, message));
}
