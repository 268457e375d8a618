using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using SglangCi.Silo.Hosting;

namespace SglangCi.Silo.Cluster;

/// <summary>The address a cluster-mode silo tells the others to reach it at.</summary>
internal static class AdvertisedAddress
{
    /// <summary>
    /// <paramref name="configured"/> when set (it must be an IP address: membership stores addresses, not names); else the
    /// first IPv4 address of an interface that is up and not loopback, which on a GPU host with one network is the one.
    /// </summary>
    public static IPAddress Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return IPAddress.TryParse(configured.Trim(), out var address)
                ? address
                : throw new SiloSettingsException(
                    $"SglangCi:Cluster:AdvertisedAddress '{configured}' is not an IP address (--advertise 10.0.0.5): other silos reach this one by address.");
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? throw new SiloSettingsException(
                "This host has no IPv4 address other systems can reach: set the one to advertise with --advertise (SglangCi:Cluster:AdvertisedAddress).");
    }
}
