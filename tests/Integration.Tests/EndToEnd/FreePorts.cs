using System.Net;
using System.Net.Sockets;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>Loopback ports nobody listens on right now, so parallel test runs and a dev silo do not collide.</summary>
public static class FreePorts
{
    public static IReadOnlyList<int> Take(int count)
    {
        // Hold every listener until all are chosen so the same port is not handed out twice.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
