using System.Net;
using System.Net.Sockets;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// Ports for servers on the host network: the preset's <c>--port</c> if it names one, else the first port from
/// <see cref="DockerRuntimeOptions.FirstServerPort"/> on that nobody listens on and no other server of this runtime
/// holds (a server binds its port only seconds after it is chosen).
/// </summary>
internal sealed class DockerServerPorts(EngineServerOptions options)
{
    private readonly HashSet<int> _held = [];
    private readonly Lock _gate = new();

    public int Reserve(IReadOnlyList<string> serverArgs)
    {
        if (DockerServerCommand.PortIn(serverArgs) is { } fixedPort)
        {
            lock (_gate)
            {
                _held.Add(fixedPort);
            }

            return fixedPort;
        }

        var address = IPAddress.TryParse(options.ServerHost, out var parsed) ? parsed : IPAddress.Loopback;
        lock (_gate)
        {
            for (var port = options.FirstServerPort; port < options.FirstServerPort + Math.Max(1, options.ServerPortCount) && port < 65536; port++)
            {
                if (!_held.Contains(port) && IsFree(address, port))
                {
                    _held.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException(
            $"no free server port in {options.FirstServerPort}..{options.FirstServerPort + options.ServerPortCount - 1} on {options.ServerHost}");
    }

    public void Release(int port)
    {
        lock (_gate)
        {
            _held.Remove(port);
        }
    }

    private static bool IsFree(IPAddress address, int port)
    {
        try
        {
            var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
