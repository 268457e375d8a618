using System.Diagnostics;
using System.Globalization;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Integration.Tests.Infrastructure;

namespace SglangCi.Integration.Tests.Postgres;

/// <summary>
/// A PostgreSQL server of one test's own (initdb into a temporary folder, 127.0.0.1 and a free port, trust auth), for
/// tests that stop and start the server under a running cluster without disturbing every other test's database. Needs
/// Debian's PostgreSQL binaries; as root the server runs as the <c>postgres</c> user (initdb refuses root).
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly int _port;

    private PrivatePostgresServer(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        _port = port;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={_port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Timeout=5";

    private string DataDirectory => Path.Combine(_root, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The newest installed server's bin folder, or null.</summary>
    private static string? Binaries =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderBy(bin => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : new Version(0, 0))
                .LastOrDefault()
            : null;

    /// <summary>Null when a private server can be started here, else why not.</summary>
    public static string? Missing => Binaries is null ? "PostgreSQL server binaries not installed (/usr/lib/postgresql/*/bin/initdb)" : null;

    public static async Task<PrivatePostgresServer> StartAsync()
    {
        var bin = Binaries ?? throw new InvalidOperationException(Missing + (RequiredInfrastructure.Required ? " (CI requires it)" : ""));
        var root = Path.Combine(Path.GetTempPath(), "sglci-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(root, "sock"));
        var server = new PrivatePostgresServer(bin, root, FreePorts.Take(1)[0]);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres", root]);
        }

        await server.AsServerUserAsync("initdb", ["-D", server.DataDirectory, "-A", "trust", "-U", "postgres"]);
        await server.StartServerAsync();
        return server;
    }

    /// <summary>Stops the server (fast: sessions are cut, as in a failover or a restart for an upgrade), waits, starts it again.</summary>
    public async Task RestartAsync(TimeSpan down)
    {
        await AsServerUserAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);
        await Task.Delay(down);
        await StartServerAsync();
    }

    private Task StartServerAsync() => AsServerUserAsync("pg_ctl",
    [
        "-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w",
        "-o", $"-c listen_addresses=127.0.0.1 -p {_port.ToString(CultureInfo.InvariantCulture)} -k {Path.Combine(_root, "sock")}",
        "start",
    ]);

    private Task AsServerUserAsync(string tool, IReadOnlyList<string> arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments]) : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsServerUserAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The OS temp cleaner gets it.
        }
    }
}
