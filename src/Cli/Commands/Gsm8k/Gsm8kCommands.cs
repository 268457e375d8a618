using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Gsm8k;

/// <summary>Registers the standalone <c>gsm8k</c> command(s), which need no cluster.</summary>
public static class Gsm8kCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
    }
}
