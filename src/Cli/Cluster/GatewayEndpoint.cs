using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SglangCi.Cli.Cluster;

/// <summary>A gateway address as the user typed it (<c>host:port</c>), kept for messages, and its resolved endpoint.</summary>
public sealed record GatewayEndpoint(string Host, int Port)
{
    public const string Default = "127.0.0.1:30100";

    public override string ToString() => $"{Host}:{Port}";

    /// <summary>Parses <c>host:port</c>; the error names the option so the user knows what to fix.</summary>
    public static bool TryParse(string? text, out GatewayEndpoint endpoint, out string error)
    {
        endpoint = new GatewayEndpoint("", 0);
        error = "";
        var separator = text?.LastIndexOf(':') ?? -1;
        if (text is null || separator <= 0 || separator == text.Length - 1)
        {
            error = $"--gateway must be HOST:PORT (e.g. {Default}), got '{text}'";
            return false;
        }

        var host = text[..separator].Trim('[', ']');
        if (!int.TryParse(text[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"--gateway port must be a number from 1 to 65535, got '{text[(separator + 1)..]}'";
            return false;
        }

        endpoint = new GatewayEndpoint(host, port);
        return true;
    }

    /// <summary>Static clustering wants an IP; host names are resolved once, preferring IPv4 like the silo's default.</summary>
    public async Task<IPEndPoint> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out var address))
        {
            return new IPEndPoint(address, Port);
        }

        var addresses = await Dns.GetHostAddressesAsync(Host, cancellationToken);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new GatewayUnreachableException(this, $"host '{Host}' has no address");
        return new IPEndPoint(chosen, Port);
    }
}
