using System.Globalization;
using System.Net;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// The dashboard with its co-hosted silo as a separate process (<c>dotnet SglangCi.Web.dll</c>), on free
/// ports and a throwaway data directory; disposing kills its whole process tree.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly DotnetProcess _process;

    private WebAppProcess(DotnetProcess process, int httpPort, int gatewayPort)
    {
        _process = process;
        HttpPort = httpPort;
        GatewayPort = gatewayPort;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
    }

    public int HttpPort { get; }

    public int GatewayPort { get; }

    public Uri BaseAddress { get; }

    /// <summary>What the process printed so far, for assertion messages.</summary>
    public string CapturedOutput => _process.CapturedOutput;

    /// <param name="settings">Extra configuration as environment variables (e.g. <c>SglangCi__FirstStart__RunNight</c>).</param>
    public static WebAppProcess Start(string webAssembly, string dataDirectory, string gsm8kDataset,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var ports = FreePorts.Take(3);
        var (httpPort, siloPort, gatewayPort) = (ports[0], ports[1], ports[2]);
        var binDirectory = Path.GetDirectoryName(webAssembly)!;
        var environment = new Dictionary<string, string>
        {
            ["SGLCI_DATA_DIR"] = dataDirectory,
            ["SglangCi__Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["SglangCi__Cluster__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["SGLCI_GSM8K_PATH"] = gsm8kDataset,
        };
        foreach (var (key, value) in SimulatorSettings.AsEnvironment().Concat(settings ?? new Dictionary<string, string>()))
        {
            environment[key] = value;
        }

        // The bin folder holds appsettings.json and the static web assets manifest the app reads.
        var process = DotnetProcess.Start(webAssembly,
            ["--urls", $"http://127.0.0.1:{httpPort}", "--contentRoot", binDirectory], environment, binDirectory);
        return new WebAppProcess(process, httpPort, gatewayPort);
    }

    /// <summary>Polls <c>/healthz</c> until it answers 200; false if the time runs out or the process dies.</summary>
    public async Task<bool> WaitHealthyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "healthz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Kestrel not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        return false;
    }

    /// <summary>Kills the process tree at once (no graceful shutdown), like a power cut or an OOM kill.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
