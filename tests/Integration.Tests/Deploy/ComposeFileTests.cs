using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using SglangCi.Cli.Cluster;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Nodes;
using SglangCi.Silo.Hosting;
using SglangCi.Web.Security;

namespace SglangCi.Integration.Tests.Deploy;

/// <summary>
/// deploy/docker-compose.yml describes a cluster that works: Compose would accept a broken one (a duplicated node name,
/// an advertised address nobody can reach, a silo that starts before its database) and the mistake would only show
/// on a running cluster. These read the file; nothing is started.
/// </summary>
public sealed partial class ComposeFileTests
{
    private const string PostgresService = "postgres";

    /// <summary>The silo's command-line switches (src/Silo/Program.cs); anything else would be ignored or misread.</summary>
    private static readonly string[] SiloSwitches =
        ["--node", "--postgres", "--advertise", "--silo-port", "--gateway-port", "--data-dir", "--hardware", "--gpus", "--runtime"];

    private static readonly string SiloAssembly = typeof(SglangCiOptions).Assembly.GetName().Name + ".dll";

    private static readonly string WebAssembly = typeof(DashboardAccessOptions).Assembly.GetName().Name + ".dll";

    private readonly ComposeFile _compose = DeployFiles.LoadCompose();

    private IReadOnlyList<KeyValuePair<string, ComposeService>> Silos =>
        _compose.Services.Where(s => RunsAssembly(s.Value, SiloAssembly)).ToList();

    [Fact]
    public void There_are_at_least_two_silos_and_a_dashboard()
    {
        Assert.True(Silos.Count >= 2, $"a cluster example needs two silos; found {string.Join(", ", Silos.Select(s => s.Key))}");
        Assert.Single(_compose.Services, s => RunsAssembly(s.Value, WebAssembly));
        Assert.Contains(PostgresService, _compose.Services.Keys);
    }

    [Fact]
    public void Dependencies_name_services_of_the_file()
    {
        foreach (var (name, service) in _compose.Services)
        {
            var unknown = (service.DependsOn ?? []).Keys.Where(d => !_compose.Services.ContainsKey(d)).ToList();
            Assert.True(unknown.Count == 0, $"{name} depends on undeclared services: {string.Join(", ", unknown)}");
        }
    }

    [Fact]
    public void Every_silo_serves_its_own_node()
    {
        var nodes = Silos.Select(s => (Service: s.Key, Node: s.Value.Option("--node"))).ToList();
        Assert.All(nodes, n => Assert.False(string.IsNullOrWhiteSpace(n.Node), $"{n.Service} has no --node"));
        var duplicates = nodes.GroupBy(n => n.Node, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"node names used by more than one silo: {string.Join(", ", duplicates)}");
    }

    [Fact]
    public void Every_silo_has_a_fixed_address_of_its_own_on_the_cluster_network()
    {
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, silo) in Silos)
        {
            var fixedAddresses = silo.NetworkAddresses().Where(n => n.Value is not null).ToList();
            Assert.True(fixedAddresses.Count == 1, $"{name} needs exactly one network with an ipv4_address");
            var (network, address) = fixedAddresses[0];
            Assert.True(_compose.Networks.TryGetValue(network, out var definition), $"{name} joins network '{network}', which is not declared");
            var configs = definition?.Ipam?.Config ?? [];
            Assert.True(configs.Count == 1, $"network '{network}' needs one ipam config with its subnet");
            var ipam = configs[0];
            var subnet = Ipv4Block.Parse(ipam.Subnet ?? throw new InvalidDataException($"network '{network}' has no subnet"));
            Assert.True(subnet.Contains(address!), $"{name}'s {address} is outside {ipam.Subnet}");
            Assert.False(subnet.IsReserved(address!), $"{name}'s {address} is the subnet's own, broadcast or gateway address");
            // Docker hands out addresses to services without a fixed one from ip_range: a fixed address inside it can be
            // taken first, and the silo then fails to start.
            Assert.False(ipam.IpRange is not null && Ipv4Block.Parse(ipam.IpRange).Contains(address!), $"{name}'s {address} lies in ip_range {ipam.IpRange}");
            Assert.True(addresses.TryAdd(address!, name), $"{name} and {addresses.GetValueOrDefault(address!)} share {address}");
        }
    }

    [Fact]
    public void Every_silo_advertises_its_own_address()
    {
        foreach (var (name, silo) in Silos)
        {
            var advertised = silo.Option("--advertise");
            Assert.False(advertised is null, $"{name} has no --advertise: its default, the first IPv4 of the container, is not one to rely on");
            // Orleans publishes the advertised address in the membership table; a host name there is unusable.
            Assert.True(System.Net.IPAddress.TryParse(advertised, out _), $"{name} advertises '{advertised}', which is not an IP address");
            Assert.Contains(advertised, silo.NetworkAddresses().Values);
        }
    }

    [Fact]
    public void Silo_command_lines_use_only_switches_the_silo_knows_with_valid_values()
    {
        foreach (var (name, silo) in Silos)
        {
            var unknown = (silo.Command ?? []).Where(a => a.StartsWith("--", StringComparison.Ordinal) && !SiloSwitches.Contains(a)).ToList();
            Assert.True(unknown.Count == 0, $"{name} passes switches the silo does not map: {string.Join(", ", unknown)}");
            Assert.True(Enum.TryParse<EngineRuntimeKind>(silo.Option("--runtime"), ignoreCase: true, out _), $"{name}: --runtime '{silo.Option("--runtime")}'");
            Assert.True(int.TryParse(silo.Option("--gpus"), CultureInfo.InvariantCulture, out var gpus) && gpus >= 1, $"{name}: --gpus '{silo.Option("--gpus")}'");
            Assert.False(string.IsNullOrWhiteSpace(silo.Option("--hardware")), $"{name} has no --hardware (required in cluster mode)");
            // The node's series are keyed by its host name; a container's default one changes whenever it is recreated.
            Assert.False(string.IsNullOrWhiteSpace(silo.Hostname), $"{name} has no fixed hostname");
        }
    }

    [Fact]
    public void Every_silo_keeps_its_data_directory_on_a_named_volume_of_its_own()
    {
        var volumes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, silo) in Silos)
        {
            var dataDirectory = silo.Option("--data-dir");
            Assert.False(dataDirectory is null, $"{name} has no --data-dir");
            var mount = Assert.Single(silo.Volumes ?? [], v => v.Split(':') is [_, var target, ..] && target == dataDirectory);
            var volume = mount.Split(':')[0];
            Assert.True(_compose.Volumes.ContainsKey(volume), $"{name} mounts volume '{volume}', which is not declared");
            Assert.True(volumes.TryAdd(volume, name), $"{name} and {volumes.GetValueOrDefault(volume)} share volume {volume}");
        }
    }

    [Fact]
    public void Services_that_use_postgres_wait_until_it_is_healthy()
    {
        var postgres = _compose.Services[PostgresService];
        Assert.Contains("pg_isready", postgres.Healthcheck?.Test ?? []);
        var users = _compose.Services.Where(s => ConnectionStrings(s.Value).Any()).ToList();
        Assert.True(users.Count >= 3, "the silos and the dashboard all use the database");
        foreach (var (name, service) in users)
        {
            Assert.True(service.DependsOn?.ContainsKey(PostgresService) == true, $"{name} does not depend on {PostgresService}");
            Assert.Equal("service_healthy", service.DependsOn![PostgresService].Condition);
        }
    }

    [Fact]
    public void Connection_strings_point_at_the_postgres_service_with_the_password_from_the_environment()
    {
        var postgres = _compose.Services[PostgresService].Environment ?? [];
        var database = postgres.GetValueOrDefault("SGLCI_DB_NAME");
        var user = postgres.GetValueOrDefault("SGLCI_DB_USER");
        Assert.False(string.IsNullOrEmpty(database) || string.IsNullOrEmpty(user), "the postgres service names the silos' database and role");
        var passwordVariable = WholeReferenceName(postgres.GetValueOrDefault("SGLCI_DB_PASSWORD"));
        Assert.NotNull(passwordVariable);

        var all = _compose.Services.SelectMany(s => ConnectionStrings(s.Value).Select(c => (Service: s.Key, Connection: c))).ToList();
        Assert.NotEmpty(all);
        foreach (var (name, connection) in all)
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connection };
            string? Get(string key) => builder.TryGetValue(key, out var value) ? value?.ToString() : null;
            Assert.Equal(PostgresService, Get("Host"));
            Assert.Equal(database, Get("Database"));
            Assert.Equal(user, Get("Username"));
            Assert.True(Get("Port") is null or "5432", $"{name}: port {Get("Port")}");
            Assert.True(DeployFiles.IsWholeVariableReference(Get("Password"), passwordVariable), $"{name}'s password is not ${{{passwordVariable}}}");
        }
    }

    [Fact]
    public void No_connection_string_is_on_a_command_line_where_ps_would_show_its_password()
    {
        foreach (var (name, service) in _compose.Services)
        {
            Assert.True(service.Option("--postgres") is null, $"{name} passes --postgres on its command line; use SglangCi__Cluster__Postgres in its environment");
        }
    }

    [Fact]
    public void No_secret_is_written_in_the_file()
    {
        var text = File.ReadAllText(DeployFiles.ComposePath);
        var literal = PasswordInText().Matches(text).Select(m => m.Groups["value"].Value).Where(v => !v.StartsWith("${", StringComparison.Ordinal)).ToList();
        Assert.True(literal.Count == 0, $"passwords written out in {DeployFiles.ComposePath}: {literal.Count}");

        foreach (var (name, service) in _compose.Services)
        {
            foreach (var (key, value) in service.Environment ?? [])
            {
                if (SecretKey().IsMatch(key))
                {
                    Assert.True(DeployFiles.IsWholeVariableReference(value), $"{name}: {key} is not taken from the environment");
                }
            }
        }
    }

    [Fact]
    public void The_dashboard_runs_the_web_app_as_a_cluster_client_on_port_5000()
    {
        var (name, dashboard) = Assert.Single(_compose.Services, s => RunsAssembly(s.Value, WebAssembly));
        var env = dashboard.Environment ?? [];
        Assert.False(env.GetValueOrDefault("SglangCi__Cluster__Postgres") is null, $"{name} has no SglangCi__Cluster__Postgres: it would co-host an embedded silo on its own SQLite file");
        Assert.DoesNotContain(dashboard.Command ?? [], a => a == "--node");

        Assert.True(DeployFiles.IsWholeVariableReference(env.GetValueOrDefault("SglangCi__Dashboard__AccessToken")), $"{name}'s access token is not from the environment");
        var listening = env.GetValueOrDefault("ASPNETCORE_HTTP_PORTS") ?? env.GetValueOrDefault("ASPNETCORE_URLS");
        Assert.True(listening is not null && listening.EndsWith("5000", StringComparison.Ordinal), $"{name} listens on '{listening}'");
        Assert.Contains(dashboard.Ports ?? [], p => PortMapping.Parse(p) is { HostPort: 5000, ContainerPort: 5000 });
        Assert.True(dashboard.DependsOn?.Keys.Any(k => Silos.Any(s => s.Key == k)) == true, $"{name} starts with no silo to connect to");
    }

    [Fact]
    public void Silos_use_the_documented_ports_and_only_the_dashboard_and_postgres_publish_any()
    {
        foreach (var (name, silo) in Silos)
        {
            Assert.Equal(ClusterIdentity.DefaultSiloPort.ToString(CultureInfo.InvariantCulture), silo.Option("--silo-port"));
            Assert.Equal(ClusterIdentity.DefaultGatewayPort.ToString(CultureInfo.InvariantCulture), silo.Option("--gateway-port"));
            Assert.True(silo.Ports is null or [], $"{name} publishes ports; the silos talk over the cluster network");
        }

        var postgres = Assert.Single(_compose.Services[PostgresService].Ports ?? []);
        var mapping = PortMapping.Parse(postgres);
        Assert.Equal("127.0.0.1", mapping.HostAddress);
        Assert.Equal(5432, mapping.ContainerPort);

        var dockerfile = File.ReadAllText(DeployFiles.DockerfilePath);
        Assert.Matches(@"(?m)^EXPOSE\s+11111\s+30100\s+5000\s*$", dockerfile);
    }

    [Fact]
    public void Entrypoints_run_the_assemblies_the_dockerfile_publishes()
    {
        var published = DeployFiles.DockerfilePublishFolders();
        var solution = File.ReadAllText(Path.Combine(DeployFiles.RepositoryRoot, "SglangCi.sln"));
        // Folder in the image → the assembly its project builds (the project file's name, as none sets AssemblyName).
        var assemblies = published.ToDictionary(
            p => p.Value,
            p =>
            {
                var project = Path.Combine(DeployFiles.RepositoryRoot, p.Key);
                var csproj = Assert.Single(Directory.GetFiles(project, "*.csproj"));
                Assert.Contains(Path.GetRelativePath(DeployFiles.RepositoryRoot, csproj).Replace('/', '\\'), solution, StringComparison.Ordinal);
                var assemblyName = AssemblyNameElement().Match(File.ReadAllText(csproj)) is { Success: true } m ? m.Groups[1].Value : Path.GetFileNameWithoutExtension(csproj);
                return assemblyName + ".dll";
            },
            StringComparer.Ordinal);
        Assert.Contains(SiloAssembly, assemblies.Values);
        Assert.Contains(WebAssembly, assemblies.Values);

        foreach (var (name, service) in _compose.Services.Where(s => s.Value.Entrypoint is not null))
        {
            var entrypoint = service.Entrypoint!;
            Assert.True(entrypoint is ["dotnet", _], $"{name}: entrypoint [{string.Join(", ", entrypoint)}] is not [dotnet, DLL]");
            var folder = Path.GetDirectoryName(entrypoint[1])!;
            Assert.True(assemblies.TryGetValue(folder, out var assembly), $"{name} runs from {folder}, which the Dockerfile does not publish to");
            Assert.Equal(assembly, Path.GetFileName(entrypoint[1]));
            // The web app's content root (wwwroot, appsettings.json) is the current directory.
            Assert.Equal(folder, service.WorkingDir);
        }

        var defaultEntrypoint = DockerfileEntrypoint().Match(File.ReadAllText(DeployFiles.DockerfilePath));
        Assert.True(defaultEntrypoint.Success, "the Dockerfile has no exec-form ENTRYPOINT [\"dotnet\", DLL]");
        Assert.Equal(SiloAssembly, Path.GetFileName(defaultEntrypoint.Groups[1].Value));
        Assert.True(assemblies.ContainsKey(Path.GetDirectoryName(defaultEntrypoint.Groups[1].Value)!), "the default entrypoint's folder is not published");
    }

    [Fact]
    public void The_env_example_lists_exactly_the_variables_the_file_uses()
    {
        var used = DeployFiles.VariableReferences(File.ReadAllText(DeployFiles.ComposePath));
        var listed = DeployFiles.ReadEnvFile(DeployFiles.PathOf(".env.example"), includeCommented: true).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(used.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        // An example that already holds a value would be copied to production as is.
        Assert.All(
            DeployFiles.ReadEnvFile(DeployFiles.PathOf(".env.example")).Where(e => SecretKey().IsMatch(e.Key)),
            e => Assert.True(e.Value.Length == 0, $"{e.Key} has a value in .env.example"));
    }

    [Fact]
    public void Configuration_keys_in_service_environments_exist()
    {
        var keys = _compose.Services.SelectMany(s => (s.Value.Environment ?? []).Keys.Select(k => (Service: s.Key, Key: k)))
            .Where(e => e.Key.StartsWith("SglangCi__", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, e => Assert.True(DeployFiles.IsConfigurationKey(e.Key.Replace("__", ":", StringComparison.Ordinal)), $"{e.Service}: {e.Key} is no configuration key"));
        // The CLI in the image reads the connection string from here (docker compose exec … sglang-ci nodes).
        Assert.All(Silos, s => Assert.True((s.Value.Environment ?? []).ContainsKey(ClusterTarget.PostgresVariable), $"{s.Key} lacks {ClusterTarget.PostgresVariable}"));
    }

    private static bool RunsAssembly(ComposeService service, string assembly) =>
        service.Entrypoint is { Count: > 0 } entrypoint && Path.GetFileName(entrypoint[^1]) == assembly;

    private static IEnumerable<string> ConnectionStrings(ComposeService service)
    {
        if (service.Option("--postgres") is { } fromCommand)
        {
            yield return fromCommand;
        }

        foreach (var (key, value) in service.Environment ?? [])
        {
            if (value is not null && (key == ClusterTarget.PostgresVariable || key == "SglangCi__Cluster__Postgres"))
            {
                yield return value;
            }
        }
    }

    private static string? WholeReferenceName(string? value) =>
        DeployFiles.IsWholeVariableReference(value) ? DeployFiles.VariableReferences(value!).Single() : null;

    [GeneratedRegex(@"(?i)password\s*=\s*(?<value>[^;""'\s]+)")]
    private static partial Regex PasswordInText();

    [GeneratedRegex(@"(?i)(password|secret|token)")]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"<AssemblyName>([^<]+)</AssemblyName>")]
    private static partial Regex AssemblyNameElement();

    [GeneratedRegex(@"(?m)^ENTRYPOINT\s+\[\s*""dotnet""\s*,\s*""([^""]+)""\s*\]\s*$")]
    private static partial Regex DockerfileEntrypoint();

    /// <summary>A short-syntax port mapping: <c>[HOST_IP:]HOST_PORT:CONTAINER_PORT[/PROTOCOL]</c>.</summary>
    private sealed record PortMapping(string? HostAddress, int HostPort, int ContainerPort)
    {
        public static PortMapping Parse(string text)
        {
            var parts = text.Split('/')[0].Split(':');
            return parts switch
            {
                [var host, var container] => new PortMapping(null, int.Parse(host, CultureInfo.InvariantCulture), int.Parse(container, CultureInfo.InvariantCulture)),
                [var address, var host, var container] => new PortMapping(address, int.Parse(host, CultureInfo.InvariantCulture), int.Parse(container, CultureInfo.InvariantCulture)),
                _ => throw new InvalidDataException($"'{text}' is not HOST:CONTAINER or IP:HOST:CONTAINER"),
            };
        }
    }
}
