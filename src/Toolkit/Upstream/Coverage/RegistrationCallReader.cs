using System.Text.RegularExpressions;
using SglangCi.Toolkit.History;
using SglangCi.Toolkit.Upstream.Coverage.Python;

namespace SglangCi.Toolkit.Upstream.Coverage;

/// <summary>
/// Era B: finds the module-level <c>register_&lt;backend&gt;_ci(est_time, suite, nightly, disabled, *, stage,
/// runner_config, …)</c> calls in every <c>test/registered/**/*.py</c>, as upstream's own AST scan does. Upstream
/// requires literal arguments; a call with anything else (a constant's name, an f-string with fields) is skipped with a
/// warning naming file and line, not guessed at. The short-lived class-decorator prototype is reported, not read.
/// </summary>
public static partial class RegistrationCallReader
{
    public const string RelativeFolder = "test/registered";

    private static readonly string[] PositionalParameters = ["est_time", "suite", "nightly", "disabled"];
    private static readonly string[] ReadKeywords = [.. PositionalParameters, "stage", "runner_config"];

    public static IReadOnlyList<RegisteredTest> Read(string checkoutRoot, ICollection<CoverageWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(checkoutRoot);
        ArgumentNullException.ThrowIfNull(warnings);
        var testRoot = Path.Combine(checkoutRoot, "test");
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var files = Directory.EnumerateFiles(Path.Combine(checkoutRoot, RelativeFolder), "*.py", options)
            .Select(path => TestPath.Normalize(Path.GetRelativePath(testRoot, path)))
            .Order(StringComparer.Ordinal);
        var tests = new List<RegisteredTest>();
        foreach (var testFile in files)
        {
            var relativePath = "test/" + testFile;
            if (PythonSource.Read(Path.Combine(testRoot, testFile), relativePath, warnings) is { } source)
            {
                tests.AddRange(ReadSource(source, testFile, warnings));
            }
        }

        return tests;
    }

    /// <summary>Reads one test file's text; <paramref name="testFile"/> is its path relative to <c>test/</c>.</summary>
    public static IReadOnlyList<RegisteredTest> ReadSource(string source, string testFile, ICollection<CoverageWarning> warnings)
    {
        var relativePath = "test/" + testFile;
        var module = PythonModule.Read(source, relativePath, warnings);
        var tests = new List<RegisteredTest>();
        foreach (var statement in module.Statements)
        {
            switch (statement)
            {
                case PythonCallStatement { Call: var call } when Backend(call) is { } backend:
                    if (Bind(call, backend, relativePath, warnings) is { } arguments)
                    {
                        tests.Add(new RegisteredTest(testFile, arguments.Suite, backend, arguments.EstimatedSeconds, arguments.Nightly, arguments.DisabledReason,
                            RegistryLayout.PerFileRegistration, new SourceRef(relativePath, call.Line)));
                    }

                    break;
                case PythonDecorator { Expression: PythonCall call } when Backend(call) is not null:
                    warnings.Add(new CoverageWarning(relativePath, statement.Line,
                        $"@{call.Function}(…) is the decorator-style prototype, not a module-level registration; not counted"));
                    break;
            }
        }

        return tests;
    }

    private static string? Backend(PythonCall call)
    {
        var match = RegisterFunction().Match(call.Function);
        return match.Success ? match.Groups["backend"].Value : null;
    }

    private static RegistrationArguments? Bind(PythonCall call, string backend, string file, ICollection<CoverageWarning> warnings)
    {
        var values = new Dictionary<string, PythonValue>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(call.Positional.Count, PositionalParameters.Length); i++)
        {
            values[PositionalParameters[i]] = call.Positional[i];
        }

        foreach (var (name, value) in call.Keywords.Where(k => ReadKeywords.Contains(k.Key)))
        {
            values[name] = value;
        }

        void Skip(string why) => warnings.Add(new CoverageWarning(file, call.Line, $"{call.Function}(…): {why}; registration skipped"));

        if (call.Positional.Count > PositionalParameters.Length)
        {
            Skip("more positional arguments than (est_time, suite, nightly, disabled)");
            return null;
        }

        if (values.FirstOrDefault(v => !IsLiteral(v.Value)) is { Key: { } nonLiteral, Value: var bad })
        {
            Skip($"{nonLiteral}={Describe(bad)} is not a literal");
            return null;
        }

        var suite = Text(values, "suite") ?? (Text(values, "stage"), Text(values, "runner_config")) switch
        {
            ({ } stage, { } runner) => $"{stage}-test-{runner}",
            _ => null,
        };
        if (suite is null)
        {
            Skip("no suite (neither suite= nor stage= with runner_config=)");
            return null;
        }

        var seconds = values.GetValueOrDefault("est_time") is PythonNumber n ? n.Value : (double?)null;
        if (seconds is null)
        {
            warnings.Add(new CoverageWarning(file, call.Line, $"{call.Function}(…) has no est_time; counted without an estimate"));
        }

        var nightly = values.GetValueOrDefault("nightly") is PythonBool { Value: true };
        var disabled = values.GetValueOrDefault("disabled") switch
        {
            PythonString reason => reason.Value,
            PythonBool { Value: true } => "disabled",
            _ => null,
        };
        return new RegistrationArguments(suite, seconds, nightly, disabled);
    }

    private static bool IsLiteral(PythonValue value) => value is PythonString or PythonNumber or PythonBool or PythonNone;

    private static string? Text(Dictionary<string, PythonValue> values, string name) => (values.GetValueOrDefault(name) as PythonString)?.Value;

    private static string Describe(PythonValue value) => value switch
    {
        PythonName name => name.Name,
        PythonUnknown unknown => unknown.SourceText,
        PythonCall call => call.Function + "(…)",
        _ => value.GetType().Name.Replace("Python", "", StringComparison.Ordinal).ToLowerInvariant(),
    };

    [GeneratedRegex("^register_(?<backend>[a-z0-9]+)_ci$", RegexOptions.CultureInvariant)]
    private static partial Regex RegisterFunction();

    /// <summary>A registration's arguments once bound to the signature and checked to be literals.</summary>
    private sealed record RegistrationArguments(string Suite, double? EstimatedSeconds, bool Nightly, string? DisabledReason);
}
