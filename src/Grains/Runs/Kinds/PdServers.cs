using System.Globalization;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Presets;

namespace SglangCi.Grains.Runs.Kinds;

/// <summary>The three servers of a PD run once they answer: where the checks reach each of them.</summary>
public sealed record PdEndpoints(Uri Prefill, Uri Decode, Uri Router);

/// <summary>
/// Starts the PD servers through <see cref="RunContext.StartEngineAsync"/>, so the pipeline stops all three whatever
/// happens (router first, newest first): prefill on the first half of the lease's GPUs, decode on the second half, then
/// the router, on no GPU, pointed at both. One after the other, as the old test did: each start waits until the server
/// answers, and the router's health needs both servers.
/// </summary>
public static class PdServers
{
    public const string PrefillRole = "prefill server";
    public const string DecodeRole = "decode server";
    public const string RouterRole = "router";

    public static async Task<PdEndpoints> StartAsync(RunContext run, PdPlan pd)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(pd);
        var (prefillGpus, decodeGpus) = Halves(run.Lease.Gpus);
        var prefill = await StartAsync(run, PrefillRole, ServerLaunch(run.Plan.Launch, pd.PrefillArgs, pd.PrefillEnvironment, pd.PrefillPort, prefillGpus));
        var decode = await StartAsync(run, DecodeRole, ServerLaunch(run.Plan.Launch, pd.DecodeArgs, pd.DecodeEnvironment, pd.DecodePort, decodeGpus));
        var router = await StartAsync(run, RouterRole, RouterLaunch(run.Plan.Launch, pd, prefill, decode));
        return new PdEndpoints(prefill, decode, router);
    }

    /// <summary>Prefill takes the first half, decode the rest (the larger half of an odd count).</summary>
    public static (IReadOnlyList<int> Prefill, IReadOnlyList<int> Decode) Halves(IReadOnlyList<int> gpus)
    {
        ArgumentNullException.ThrowIfNull(gpus);
        if (gpus.Count < 2)
        {
            throw new RunFailedException($"a PD run needs at least 2 GPUs (one per server); the lease holds {gpus.Count}");
        }

        var half = gpus.Count / 2;
        return (gpus.Take(half).ToArray(), gpus.Skip(half).ToArray());
    }

    public static EngineLaunch ServerLaunch(
        EngineLaunch preset, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, int port, IReadOnlyList<int> gpus) =>
        preset with
        {
            ServerArgs = [.. args, "--port", Port(port)],
            Environment = environment,
            GpuSubset = gpus,
        };

    /// <summary>The router runs its own program on no GPU, with the servers' URLs as they answered.</summary>
    public static EngineLaunch RouterLaunch(EngineLaunch preset, PdPlan pd, Uri prefill, Uri decode) =>
        preset with
        {
            Program = pd.RouterCommand,
            ServerArgs = [.. pd.RouterArgs, "--prefill", Url(prefill), "--decode", Url(decode), "--port", Port(pd.RouterPort)],
            Environment = new Dictionary<string, string>(),
            GpuSubset = [],
        };

    private static async Task<Uri> StartAsync(RunContext run, string role, EngineLaunch launch)
    {
        run.Stage = $"{role} start";
        var gpus = launch.GpuSubset is { Count: > 0 } subset ? $"GPUs [{string.Join(',', subset)}]" : "no GPU";
        await run.LogAsync($"PD: starting the {role} on {gpus}");
        var url = await run.StartEngineAsync(launch, role);
        await run.LogAsync($"PD: {role} up at {url}");
        return url;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>sglang_router takes the URL without a trailing slash.</summary>
    private static string Url(Uri server) => server.ToString().TrimEnd('/');
}
