using Microsoft.Extensions.Hosting;

namespace SglangCi.SimulatedEngine;

/// <summary>
/// Replaces the console lifetime: an embedded engine must not hook Ctrl+C or SIGTERM (the silo, the test
/// host or our own <c>Program</c> decides when it stops), and several engines may live in one process.
/// </summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
