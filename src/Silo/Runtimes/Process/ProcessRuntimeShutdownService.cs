using Microsoft.Extensions.Hosting;

namespace SglangCi.Silo.Runtimes.Processes;

/// <summary>Stops the process runtime's servers and commands (SIGTERM, then kill) when the host stops, before the silo's own shutdown ends.</summary>
internal sealed class ProcessRuntimeShutdownService(ProcessRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAllAsync(cancellationToken);
}
