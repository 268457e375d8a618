using SglangCi.Cli;

namespace SglangCi.Integration.Tests.Cli;

/// <summary>
/// Runs <c>sglang-ci</c>'s command tree (<see cref="CliApp.Create"/>) in this process with stdout and stderr captured.
/// The commands write to <see cref="Console"/> directly, so the capture swaps the process-wide writers: tests that
/// use it belong to <see cref="CliCollection"/>, which runs alone.
/// </summary>
internal static class InProcessCli
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task<CliResult> RunAsync(params string[] arguments)
    {
        await OneAtATime.WaitAsync();
        var (originalOut, originalError) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        try
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            var exitCode = await CliApp.Create().RunAsync(arguments);
            return new CliResult(arguments, exitCode, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
            OneAtATime.Release();
        }
    }
}

/// <summary>What one in-process command printed and returned.</summary>
internal sealed record CliResult(IReadOnlyList<string> Arguments, int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"sglang-ci {string.Join(' ', Arguments)}: exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>The CLI tests swap <see cref="Console"/>'s writers, so nothing else may run beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "Cli";
}
