using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Bench;

/// <summary>Registers the standalone <c>bench</c> command(s), which need no cluster.</summary>
public static class BenchCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
    }
}
