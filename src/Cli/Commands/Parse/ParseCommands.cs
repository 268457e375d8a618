using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Parse;

/// <summary>Registers the standalone <c>parse</c> command(s), which need no cluster.</summary>
public static class ParseCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
    }
}
