using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;

namespace SglangCi.Grains.Runs;

/// <summary>Starting, waiting for and stopping the run's engines.</summary>
public sealed partial class RunContext
{
    /// <summary>
    /// Starts an engine with <paramref name="launch"/> on the run's lease and waits until it answers as ready; the engine
    /// is remembered for the clean-up before the first wait, so even a start that never comes up is stopped.
    /// </summary>
    /// <param name="role">How the log names this engine (<c>engine</c>, <c>prefill server</c>, …).</param>
    public async Task<Uri> StartEngineAsync(EngineLaunch launch, string role = "engine")
    {
        await LogAsync(RunLogText.LaunchCommand(launch));
        var startedAt = Time.GetUtcNow();
        var endpoint = await Node.StartEngine(Lease.LeaseId, launch);
        _servers.Add(endpoint.ServerId);
        await _sink.EngineStarting(endpoint.ServerId, _token);
        await LogAsync(RunLogText.EngineStarting(endpoint.ServerId));
        var baseUrl = await WaitForEngineAsync(endpoint.ServerId, launch.StartupTimeout, role);
        await LogAsync(RunLogText.EngineReady(baseUrl, Time.GetUtcNow() - startedAt));
        return baseUrl;
    }

    /// <summary>Stops one engine the run started (a failed attempt before a retry); the clean-up stops the rest.</summary>
    public async Task StopEngineAsync(string serverId)
    {
        await Node.StopEngine(serverId);
        _servers.Remove(serverId);
        await LogAsync($"engine {serverId} stopped");
    }

    /// <summary>Stops an engine the run started outside <see cref="StartEngineAsync"/> (a warm-up server); a failure is only logged.</summary>
    private async Task StopQuietlyAsync(string serverId, string role)
    {
        try
        {
            await Node.StopEngine(serverId);
        }
        catch (Exception e)
        {
            await LogAsync($"{role} {serverId}: stop failed ({e.Message}); the node stops it when the lease ends");
        }
    }

    /// <summary>The most recently started engine, if any is still running.</summary>
    public string? LastServer => _servers.Count == 0 ? null : _servers[^1];

    private async Task<Uri> WaitForEngineAsync(string serverId, TimeSpan startupTimeout, string role)
    {
        // The node enforces the startup timeout; the margin here only guards against a node that stops answering.
        var deadline = Time.GetUtcNow() + startupTimeout + TimeSpan.FromSeconds(30);
        while (true)
        {
            var endpoint = await Node.GetEngine(serverId);
            switch (endpoint.Status)
            {
                case EngineServerStatus.Ready:
                    return new Uri(endpoint.BaseUrl!);
                case EngineServerStatus.Failed:
                case EngineServerStatus.Stopped:
                    throw new EngineStartException($"{role} failed to start: {endpoint.Error ?? endpoint.Status.ToString()}");
            }

            if (Time.GetUtcNow() > deadline)
            {
                throw new EngineStartException($"{role} failed to start: not ready after {startupTimeout}");
            }

            await Task.Delay(Options.EnginePollInterval, Time, CancellationToken);
        }
    }
}
