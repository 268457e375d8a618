using System.Text.Json;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.Postgres;
using Xunit.Abstractions;

namespace SglangCi.Integration.Tests.Cluster;

/// <summary>
/// What the multi-process cluster tests share: a database of their own on the test PostgreSQL server, silo processes
/// started on demand (and again after a kill), a data directory per silo, and the CLI finding the cluster through the
/// database (<c>--postgres</c>), as an operator's would.
/// </summary>
public abstract class ClusterTest(ITestOutputHelper output) : IAsyncLifetime
{
    protected static readonly TimeSpan QuickCommand = TimeSpan.FromSeconds(60);
    protected static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(150);

    private readonly List<SiloProcess> _silos = [];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sglci-cluster-" + Guid.NewGuid().ToString("N"));

    protected RepositoryLayout Layout { get; } = RepositoryLayout.Discover();

    /// <summary>The cluster's database on the test server (null when a test brings its own server).</summary>
    protected TempPostgresDatabase? Database { get; private set; }

    protected CliRunner Cli { get; private set; } = null!;

    protected ITestOutputHelper Output => output;

    /// <summary>The connection string silos and the CLI are given.</summary>
    protected string ClusterConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ClusterConnectionString = await CreateClusterDatabaseAsync();
        Cli = new CliRunner(Layout.CliAssembly, ["--postgres", ClusterConnectionString]);
    }

    /// <summary>A fresh database on the test server; a test that needs its own server overrides this.</summary>
    protected virtual async Task<string> CreateClusterDatabaseAsync()
    {
        Database = await PostgresServer.CreateDatabaseAsync();
        return Database.ConnectionString;
    }

    /// <summary>Starts a silo process for <paramref name="node"/> (its data directory survives a restart).</summary>
    protected SiloProcess StartSilo(string node, int partitions = 1)
    {
        var silo = SiloProcess.Start(Layout, node, ClusterConnectionString, Path.Combine(_root, node), partitions);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Waits until <c>nodes --json</c> lists every one of <paramref name="nodes"/> online.</summary>
    protected async Task WaitOnlineAsync(params string[] nodes) =>
        await WaitUntilAsync(JoinTimeout, async () =>
        {
            var listed = await NodesAsync();
            return nodes.All(n => listed.TryGetValue(n, out var node) && node.GetProperty("online").GetBoolean());
        }, $"nodes {string.Join(", ", nodes)} to be online", _silos);

    /// <summary><c>nodes --json</c> by name; empty while the CLI cannot reach the cluster.</summary>
    protected async Task<IReadOnlyDictionary<string, JsonElement>> NodesAsync()
    {
        var listed = await Cli.RunAsync(QuickCommand, "nodes", "--json");
        return listed.ExitCode == 0
            ? JsonDocument.Parse(listed.StandardOutput).RootElement.EnumerateArray().ToDictionary(n => n.GetProperty("name").GetString()!)
            : new Dictionary<string, JsonElement>();
    }

    protected async Task<JsonElement?> ShowAsync(string runId)
    {
        var shown = await Cli.RunAsync(QuickCommand, "show", runId, "--json");
        return shown.ExitCode == 0 ? JsonDocument.Parse(shown.StandardOutput).RootElement : null;
    }

    protected async Task WaitUntilAsync(TimeSpan timeout, Func<Task<bool>> condition, string what, IEnumerable<SiloProcess>? silos = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {what}: yes");
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var logs = string.Join("\n\n", (silos ?? _silos).Select(s => $"--- silo {s.NodeName}:\n{s.Process.CapturedOutput}"));
        Assert.Fail($"timed out after {timeout} waiting for {what}\n{logs}");
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            // A file still held by a dying child; the OS temp cleaner gets it.
        }
    }
}
