using System.Globalization;
using SglangCi.Integration.Tests.EndToEnd;

namespace SglangCi.Integration.Tests.Cluster;

/// <summary>
/// One cluster-mode silo as its own process (<c>dotnet SglangCi.Silo.dll --node NAME --postgres …</c>), on 127.0.0.1
/// and free ports, serving a simulated 8-GPU node: what a GPU host runs, minus the GPUs.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly DotnetProcess _process;

    private SiloProcess(DotnetProcess process, string nodeName)
    {
        _process = process;
        NodeName = nodeName;
    }

    public string NodeName { get; }

    public DotnetProcess Process => _process;

    public static SiloProcess Start(RepositoryLayout layout, string nodeName, string postgres, string dataDirectory, int partitions = 1)
    {
        var ports = FreePorts.Take(2);
        string[] arguments =
        [
            "--node", nodeName,
            "--postgres", postgres,
            "--advertise", "127.0.0.1",
            "--silo-port", ports[0].ToString(CultureInfo.InvariantCulture),
            "--gateway-port", ports[1].ToString(CultureInfo.InvariantCulture),
            "--data-dir", dataDirectory,
            "--hardware", "sim",
            "--gpus", "8",
            "--runtime", "simulated",
            "--partitions", partitions.ToString(CultureInfo.InvariantCulture),
        ];
        var environment = SimulatorSettings.AsEnvironment().Append(new("SGLCI_GSM8K_PATH", layout.Gsm8kDataset));
        return new SiloProcess(DotnetProcess.Start(layout.SiloAssembly, arguments, environment), nodeName);
    }

    /// <summary>Kills the silo at once (SIGKILL: no goodbye to the cluster; the kernel closes its connections).</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
