using SglangCi.Cli.Output;
using SglangCi.Silo.Runtimes.Docker;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Housekeeping;

/// <summary>
/// <c>housekeeping</c>: <see cref="DockerHousekeeping"/> against the local Docker engine. Exit 0 when everything planned
/// was removed (or listed, with <c>--dry-run</c>); 1 when a removal failed or Docker did not answer (the core dumps are
/// still handled and the report still printed).
/// </summary>
public sealed class HousekeepingCommand : AsyncCommand<HousekeepingSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, HousekeepingSettings settings, CancellationToken cancellationToken)
    {
        var dockerOptions = new DockerRuntimeOptions { Endpoint = settings.DockerHost, ApiTimeout = TimeSpan.FromSeconds(60) };
        using var connection = new DockerConnection(dockerOptions);
        var report = await new DockerHousekeeping(connection, settings.ToOptions(), TimeProvider.System).RunAsync(cancellationToken);
        if (settings.Json)
        {
            JsonOutput.Write(report);
        }
        else
        {
            HousekeepingView.Render(Consoles.Out, report);
        }

        if (report.DockerError is { } error)
        {
            await Console.Error.WriteLineAsync($"error: {error}");
        }

        return report.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }
}
