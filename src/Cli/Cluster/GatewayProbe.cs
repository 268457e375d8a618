using System.Net;
using System.Net.Sockets;

namespace SglangCi.Cli.Cluster;

/// <summary>
/// A plain TCP connect before the Orleans client starts. The client retries a refused gateway until its
/// start times out (tens of seconds); a silo that is simply not running should be reported at once.
/// </summary>
public static class GatewayProbe
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static async Task EnsureReachableAsync(GatewayEndpoint gateway, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint, timeout.Token);
        }
        catch (Exception exception) when (exception is SocketException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new GatewayUnreachableException(gateway, inner: exception);
        }
    }
}
