using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Alerts;
using SglangCi.Interfaces.Nodes;
using SglangCi.Interfaces.Runs;
using SglangCi.Silo.Hosting;
using SglangCi.Silo.Storage.Sqlite;

namespace SglangCi.Integration.Tests.RunKinds;

/// <summary>
/// A silo as the product hosts one (<see cref="SglangCiHostingExtensions.AddSglangCiSilo{TBuilder}"/>: SQLite in a temp
/// folder, every run kind the silo registers), in this process, with the test's own configuration on top, nothing seeded
/// and the "default" alert channel writing a file. For run kinds whose behaviour depends on the silo's configuration.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private readonly IHost _host;

    private InProcessSilo(IHost host, string dataDirectory, int gatewayPort)
    {
        _host = host;
        DataDirectory = dataDirectory;
        Gateway = $"127.0.0.1:{gatewayPort}";
    }

    /// <summary>The silo's Orleans gateway, as the CLI's <c>--gateway</c> takes it.</summary>
    public string Gateway { get; }

    public string DataDirectory { get; }

    public string AlertsFile => Path.Combine(DataDirectory, "alerts", "test.jsonl");

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <param name="resultsDatabase">A SQLite file to start from (copied: e.g. the imported seed history); null: an empty one.</param>
    public static async Task<InProcessSilo> StartAsync(IReadOnlyDictionary<string, string?> settings, string? resultsDatabase = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "sglci-runkind-tests-" + Guid.NewGuid().ToString("N")[..8]);
        if (resultsDatabase is not null)
        {
            // SQLite's online backup, not a file copy: the source may still have pages in its write-ahead log.
            Directory.CreateDirectory(dataDirectory);
            using var source = new SqliteConnection(SqliteConnectionStrings.ForFile(resultsDatabase));
            using var target = new SqliteConnection(SqliteConnectionStrings.ForFile(Path.Combine(dataDirectory, "sglang-ci.db")));
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }

        var ports = FreePorts.Take(2);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["SglangCi:DataDir"] = dataDirectory,
            ["SglangCi:Cluster:NodeName"] = "runkind-test-silo",
            ["SglangCi:Cluster:SiloPort"] = $"{ports[0]}",
            ["SglangCi:Cluster:GatewayPort"] = $"{ports[1]}",
            ["SglangCi:FirstStart:Seed"] = "false",
            ["SglangCi:Docker:ReconcileOnStart"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSglangCiSilo();
        var host = builder.Build();
        await host.StartAsync();
        var silo = new InProcessSilo(host, dataDirectory, ports[1]);
        await silo.Grains.GetGrain<IAlertChannelGrain>("default").Configure(new AlertChannelConfig("default", AlertChannelKind.File, silo.AlertsFile, null));
        return silo;
    }

    /// <summary>Configures a node of <paramref name="runtime"/> named <paramref name="name"/> on this silo.</summary>
    public async Task<NodeInventory> AddNodeAsync(string name, EngineRuntimeKind runtime, string hardware = "sim")
    {
        var node = new NodeInventory(name, hardware, $"{name}.test", 8, runtime);
        await Grains.GetGrain<IGpuNodeGrain>(name).Configure(node);
        return node;
    }

    /// <summary>Starts a run of <paramref name="mode"/> (no preset; no image unless given) and waits for its end.</summary>
    public async Task<(RunSummary Summary, RunDetails Details)> RunAsync(
        string node, RunMode mode, DateOnly? imageDate = null, RunOptions? options = null, string? image = null)
    {
        var run = Grains.GetGrain<IRunGrain>(RunIds.Create(mode.WireName(), node, DateTimeOffset.UtcNow));
        await run.Start(new RunRequest("", node, mode, image, imageDate, "run kind test") { Options = options });
        var deadline = DateTime.UtcNow + RunTimeout;
        RunSummary? summary;
        while ((summary = await run.GetSummary()) is not { } ended || !ended.Status.IsTerminal())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the {mode.WireName()} run on {node} did not end within {RunTimeout}");
            await Task.Delay(100);
        }

        return (summary, (await run.GetDetails())!);
    }

    /// <summary>
    /// The alert lines that mention <paramref name="text"/>: once at least one is written (a run hands its alerts over just
    /// after it ends), or, when <paramref name="expectAny"/> is false, after the run has had time to hand any over.
    /// </summary>
    public async Task<IReadOnlyList<string>> AlertLinesAsync(string text, bool expectAny)
    {
        var deadline = DateTime.UtcNow + (expectAny ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(2));
        while (true)
        {
            await Grains.GetGrain<IAlertChannelGrain>("default").Flush();
            var lines = File.Exists(AlertsFile)
                ? (await File.ReadAllLinesAsync(AlertsFile)).Where(l => l.Contains(text, StringComparison.Ordinal)).ToList()
                : [];
            if ((expectAny && lines.Count > 0) || DateTime.UtcNow >= deadline)
            {
                return lines;
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }
}
