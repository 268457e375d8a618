using SglangCi.Toolkit.Text;
using SglangCi.Toolkit.Upstream.Coverage;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Coverage;

/// <summary>
/// <c>coverage --repo PATH</c>: compares AMD's and NVIDIA's upstream CI in a local SGLang checkout. Exit 0 with the
/// comparison (warnings about unreadable registrations go to stderr and do not fail it); 2 when the path is missing or
/// holds neither registry layout (the message names the paths looked for); 1 when the output file cannot be written.
/// </summary>
public sealed class CoverageCommand : Command<CoverageSettings>
{
    public override int Execute(CommandContext context, CoverageSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Run(settings, Console.Out, Console.Error);
    }

    /// <summary>The command without Spectre's binding, for tests.</summary>
    public static int Run(CoverageSettings settings, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        CoverageComparison comparison;
        try
        {
            comparison = CoverageAnalyzer.Analyze(settings.Repo!, new CoverageOptions(settings.IncludeIncompatible));
        }
        catch (CoverageCheckoutException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadArguments;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot read the checkout {Path.GetFullPath(settings.Repo!)}: {e.Message}");
            return ExitCodes.Failure;
        }

        var text = settings.Format switch
        {
            CoverageFormat.Json => CoverageJsonWriter.Write(comparison),
            CoverageFormat.Markdown => CoverageMarkdownWriter.Write(comparison),
            CoverageFormat.Csv => CoverageCsvWriter.Write(comparison),
            _ => CoverageReportText.Write(comparison),
        };

        if (settings.Format != CoverageFormat.Text || settings.Output is not null)
        {
            // The text table on the terminal lists them itself; a file or another format carries them inside, and a person
            // running it should see them too.
            foreach (var warning in comparison.Warnings)
            {
                stderr.WriteLine($"warning: {warning}");
            }
        }

        if (settings.Output is not { } output)
        {
            stdout.Write(text);
            return ExitCodes.Success;
        }

        try
        {
            AtomicTextFile.Write(output, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {Path.GetFullPath(output)}: {e.Message}");
            return ExitCodes.Failure;
        }

        stderr.WriteLine($"wrote {Path.GetFullPath(output)}");
        return ExitCodes.Success;
    }
}
