namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// The old report's workflow-based rows, counted as <c>compare_suites.py</c> counted them from
/// <c>.github/workflows/pr-test.yml</c> (NVIDIA) and <c>pr-test-amd.yml</c> (AMD): test commands
/// (<see cref="WorkflowTestCommand"/>) in the performance jobs, and 0/1 for whether the accuracy and frontend jobs exist.
/// Rows come in the old reports' order. A workflow that is missing counts 0 for its side (said in each row's
/// <see cref="AdditionalCategory.Basis"/>; not a warning, which is kept for content that could not be read), and every
/// row is still written: the old reports keep a row whose jobs are gone on both sides as <c>0,0,N/A</c>
/// (<c>unit-test-frontend,0,0,N/A</c> from 2025-11-17 on), so a row never disappears from history.
/// </summary>
public static class WorkflowCategories
{
    public const string NvidiaWorkflow = ".github/workflows/pr-test.yml";
    public const string AmdWorkflow = ".github/workflows/pr-test-amd.yml";

    private static readonly Rule[] Rules =
    [
        new("unit-test-frontend", Presence: true, ["unit-test-frontend"], ["unit-test-frontend-amd"]),
        new("performance-test-1-gpu", Presence: false,
            ["performance-test-1-gpu-part-1", "performance-test-1-gpu-part-2"],
            ["performance-test-1-gpu-part-1-amd", "performance-test-1-gpu-part-2-amd"]),
        new("performance-test-2-gpu", Presence: false, ["performance-test-2-gpu"], ["bench-test-2-gpu-amd"]),
        new("accuracy-test-1-gpu", Presence: true, ["accuracy-test-1-gpu"], ["accuracy-test-1-gpu-amd"]),
        new("accuracy-test-2-gpu", Presence: true, ["accuracy-test-2-gpu"], ["accuracy-test-2-gpu-amd"]),
    ];

    public static IReadOnlyList<AdditionalCategory> Count(string checkoutRoot, ICollection<CoverageWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(checkoutRoot);
        ArgumentNullException.ThrowIfNull(warnings);
        var nvidia = Read(checkoutRoot, NvidiaWorkflow, warnings);
        var amd = Read(checkoutRoot, AmdWorkflow, warnings);
        var missing = new[] { NvidiaWorkflow, AmdWorkflow }.Where(p => !File.Exists(Path.Combine(checkoutRoot, p))).ToList();
        var note = missing.Count == 0 ? "" : $" ({string.Join(", ", missing)} not found: 0)";
        return Count(nvidia, amd).Select(r => r with { Basis = r.Basis + note }).ToList();
    }

    /// <summary>The rows from already-parsed workflows (an empty one for a missing file).</summary>
    public static IReadOnlyList<AdditionalCategory> Count(WorkflowJobs nvidia, WorkflowJobs amd)
    {
        ArgumentNullException.ThrowIfNull(nvidia);
        ArgumentNullException.ThrowIfNull(amd);
        return Rules.Select(r => new AdditionalCategory(r.Name, Nightly: false, r.Measure(nvidia, r.NvidiaJobs), r.Measure(amd, r.AmdJobs), r.Basis)).ToList();
    }

    private static WorkflowJobs Read(string checkoutRoot, string relativePath, ICollection<CoverageWarning> warnings)
    {
        var path = Path.Combine(checkoutRoot, relativePath);
        if (!File.Exists(path))
        {
            return WorkflowJobs.Parse("");
        }

        try
        {
            return WorkflowJobs.Parse(Python.PythonSource.Decode(File.ReadAllBytes(path), relativePath, warnings));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.Add(new CoverageWarning(relativePath, 0, $"cannot be read ({e.Message}); its workflow categories count 0 on that side"));
            return WorkflowJobs.Parse("");
        }
    }

    /// <param name="Presence">Count 1 if any of the jobs exists (the accuracy and frontend rows), else count test commands.</param>
    private sealed record Rule(string Name, bool Presence, string[] NvidiaJobs, string[] AmdJobs)
    {
        public string Basis => Presence
            ? $"1 if job {string.Join('/', NvidiaJobs)} (NVIDIA) / {string.Join('/', AmdJobs)} (AMD) exists"
            : $"test commands in jobs {string.Join(", ", NvidiaJobs)} (NVIDIA) vs {string.Join(", ", AmdJobs)} (AMD)";

        public int Measure(WorkflowJobs workflow, IReadOnlyList<string> jobs) =>
            Presence
                ? (jobs.Any(workflow.Has) ? 1 : 0)
                : jobs.Sum(j => workflow.Commands(j).Count(WorkflowTestCommand.RunsTest));
    }
}
