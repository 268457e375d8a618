namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// The entry point: compares AMD's and NVIDIA's upstream CI in a local SGLang checkout. It finds which registry layouts
/// the checkout has, reads each as data (never running Python), takes the union, and compares; it also counts the old
/// report's additional rows (<see cref="NightlyModelCounter"/>, <see cref="WorkflowCategories"/>), which need neither
/// layout. For history, convert the result with <see cref="CoverageHistory"/>.
/// </summary>
public static class CoverageAnalyzer
{
    /// <exception cref="CoverageCheckoutException">The path is missing or holds neither layout.</exception>
    public static CoverageComparison Analyze(string checkoutRoot, CoverageOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkoutRoot);
        var root = Path.GetFullPath(checkoutRoot);
        if (!Directory.Exists(root))
        {
            throw new CoverageCheckoutException($"SGLang checkout not found: {root}");
        }

        var layouts = Layouts(root);
        if (layouts.Count == 0)
        {
            throw new CoverageCheckoutException(
                $"{root} is not an SGLang checkout with a CI registry: neither {Path.Combine(root, SuiteDictionaryReader.RelativePath)} "
                + $"nor {Path.Combine(root, RegistrationCallReader.RelativeFolder)}/ exists");
        }

        var warnings = new List<CoverageWarning>();
        var tests = new List<RegisteredTest>();
        if (layouts.Contains(RegistryLayout.SuiteDictionary))
        {
            tests.AddRange(SuiteDictionaryReader.Read(root, warnings));
        }

        if (layouts.Contains(RegistryLayout.PerFileRegistration))
        {
            tests.AddRange(RegistrationCallReader.Read(root, warnings));
        }

        List<AdditionalCategory> additional = [NightlyModelCounter.Count(root, warnings), .. WorkflowCategories.Count(root, warnings)];
        return CoverageComparer.Compare(tests, options ?? new CoverageOptions(), root, GitCommit.Read(root), layouts, warnings, additional);
    }

    /// <summary>The layouts present in a checkout, era A first.</summary>
    public static IReadOnlyList<RegistryLayout> Layouts(string checkoutRoot)
    {
        var layouts = new List<RegistryLayout>();
        if (File.Exists(Path.Combine(checkoutRoot, SuiteDictionaryReader.RelativePath)))
        {
            layouts.Add(RegistryLayout.SuiteDictionary);
        }

        if (Directory.Exists(Path.Combine(checkoutRoot, RegistrationCallReader.RelativeFolder)))
        {
            layouts.Add(RegistryLayout.PerFileRegistration);
        }

        return layouts;
    }
}
