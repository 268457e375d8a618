using Spectre.Console;

namespace SglangCi.Cli.Output;

/// <summary>
/// The console human output goes to. Errors are written to stderr as plain lines (see ErrorHandler) so that
/// <c>--json</c> output on stdout stays machine-readable even when something goes wrong.
/// </summary>
public static class Consoles
{
    /// <summary>
    /// A console on the current stdout. Made on each use, not cached: whoever redirects <see cref="Console.Out"/>
    /// (a test running commands in-process) must not find a console still bound to the previous writer.
    /// </summary>
    public static IAnsiConsole Out => CreateOut();

    /// <summary>A console on stderr, for progress bars that must leave stdout parseable.</summary>
    public static IAnsiConsole CreateError() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    private static IAnsiConsole CreateOut()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            // Piped into a file or a pager there is no terminal width; Spectre's 80-column guess would wrap
            // every run id. Lines that are too long are the lesser evil.
            console.Profile.Width = 220;
        }

        return console;
    }
}
