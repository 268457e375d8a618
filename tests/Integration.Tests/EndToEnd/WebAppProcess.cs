using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// The dashboard with its co-hosted silo as a separate process (<c>dotnet SglangCi.Web.dll</c>), on free
/// ports and a throwaway data directory; disposing kills its whole process tree.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WebAppProcess(Process process, int httpPort, int gatewayPort)
    {
        _process = process;
        HttpPort = httpPort;
        GatewayPort = gatewayPort;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        _process.OutputDataReceived += (_, e) => Capture("out", e.Data);
        _process.ErrorDataReceived += (_, e) => Capture("err", e.Data);
    }

    public int HttpPort { get; }

    public int GatewayPort { get; }

    public Uri BaseAddress { get; }

    /// <summary>What the process printed so far, for assertion messages.</summary>
    public string CapturedOutput => string.Join('\n', _output.TakeLast(400));

    /// <param name="settings">Extra configuration as environment variables (e.g. <c>SglangCi__FirstStart__RunNight</c>).</param>
    public static WebAppProcess Start(string webAssembly, string dataDirectory, string gsm8kDataset,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var ports = FreePorts.Take(3);
        var (httpPort, siloPort, gatewayPort) = (ports[0], ports[1], ports[2]);
        var binDirectory = Path.GetDirectoryName(webAssembly)!;
        var start = new ProcessStartInfo("dotnet")
        {
            // The bin folder holds appsettings.json and the static web assets manifest the app reads.
            WorkingDirectory = binDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{httpPort}");
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(binDirectory);
        start.Environment["SGLCI_DATA_DIR"] = dataDirectory;
        start.Environment["SglangCi__Cluster__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SglangCi__Cluster__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SGLCI_GSM8K_PATH"] = gsm8kDataset;
        foreach (var (key, value) in SimulatorSettings.AsEnvironment().Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var app = new WebAppProcess(process, httpPort, gatewayPort);
        if (!process.Start())
        {
            throw new InvalidOperationException($"dotnet {webAssembly} did not start");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
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

    private void Capture(string stream, string? line)
    {
        if (line is not null)
        {
            _output.Enqueue($"[{stream}] {line}");
        }
    }

    /// <summary>Kills the process tree at once (no graceful shutdown), like a power cut or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
