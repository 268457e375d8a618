using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace SglangCi.Cli.Cluster;

/// <summary>
/// The Orleans client logs nothing unless <c>SGLCI_CLI_LOG</c> names a level (Debug, Information, ...):
/// its connection chatter would bury the CLI's output, but it is what one needs to debug a gateway.
/// </summary>
public static class ClientLogging
{
    public const string Variable = "SGLCI_CLI_LOG";

    public static void Configure(ILoggingBuilder logging)
    {
        if (!Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable(Variable), ignoreCase: true, out var level))
        {
            return;
        }

        logging.SetMinimumLevel(level);
        // Everything to stderr so logs never mix into --json output.
        logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
