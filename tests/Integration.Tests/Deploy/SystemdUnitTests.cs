using SglangCi.Cli.Cluster;
using SglangCi.Interfaces.Nodes;
using SglangCi.Silo.Storage;

namespace SglangCi.Integration.Tests.Deploy;

/// <summary>
/// deploy/systemd: the units are well-formed, start the right assembly for the right node, and every setting their
/// example env files (and the compose .env example) name is one the apps read. systemd and .NET both ignore an
/// unknown key silently, so a typo there would only show as a node that never came up as configured.
/// </summary>
public sealed class SystemdUnitTests
{
    private const string SiloUnit = "sglang-ci-silo@.service";
    private const string DashboardUnit = "sglang-ci-dashboard.service";

    /// <summary>The settings the cluster's processes are documented to take (README, "Cluster mode").</summary>
    private static readonly string[] DocumentedKeys =
    [
        "SglangCi:Cluster:NodeName",
        "SglangCi:Cluster:Postgres",
        "SglangCi:Cluster:AdvertisedAddress",
        "SglangCi:Cluster:SiloPort",
        "SglangCi:Cluster:GatewayPort",
        "SglangCi:Node:Hardware",
        "SglangCi:Node:GpuCount",
        "SglangCi:Node:Runtime",
        "SglangCi:Dashboard:AccessToken",
        "SglangCi:DataDir",
    ];

    /// <summary>Variables read outside .NET configuration, plus the host's own for the dashboard's listening address.</summary>
    private static readonly string[] OtherVariables =
        [DataDirectoryResolver.EnvironmentVariable, ClusterTarget.PostgresVariable, "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS"];

    public static TheoryData<string> UnitFiles() => FilesIn(DeployFiles.SystemdDirectory, "*.service");

    public static TheoryData<string> SystemdEnvExamples() => FilesIn(DeployFiles.SystemdDirectory, "*.env.example");

    [Fact]
    public void Both_units_and_their_env_examples_exist()
    {
        Assert.Equal(new[] { DashboardUnit, SiloUnit }, Names(DeployFiles.SystemdDirectory, "*.service"));
        Assert.Equal(new[] { "dashboard.env.example", "silo.env.example" }, Names(DeployFiles.SystemdDirectory, "*.env.example"));
    }

    [Theory]
    [MemberData(nameof(UnitFiles))]
    public void A_unit_has_the_unit_service_and_install_sections(string file)
    {
        var unit = UnitFile.Read(Path.Combine(DeployFiles.SystemdDirectory, file));
        Assert.Equal(new[] { "Unit", "Service", "Install" }, unit.SectionOrder);
        Assert.False(string.IsNullOrWhiteSpace(unit.Single("Unit", "Description")));
        Assert.Equal("multi-user.target", unit.Single("Install", "WantedBy"));
        Assert.Equal("on-failure", unit.Single("Service", "Restart"));
        // A dedicated user, never root: the silo's only privilege is the docker group (see README, "Cluster mode").
        Assert.Equal("sglang-ci", unit.Single("Service", "User"));
        Assert.NotNull(unit.Single("Service", "EnvironmentFile"));
    }

    [Fact]
    public void The_silo_unit_runs_the_silo_for_the_instance_node_with_its_env_file()
    {
        var unit = UnitFile.Read(Path.Combine(DeployFiles.SystemdDirectory, SiloUnit));
        var exec = Arguments(unit.Single("Service", "ExecStart"));
        Assert.Equal("/usr/bin/dotnet", exec[0]);
        Assert.Equal("SglangCi.Silo.dll", Path.GetFileName(exec[1]));
        var node = exec.IndexOf("--node");
        Assert.True(node > 1 && node + 1 < exec.Count && exec[node + 1] == "%i", $"ExecStart does not pass --node %i: {string.Join(' ', exec)}");
        Assert.Equal("/etc/sglang-ci/%i.env", unit.Single("Service", "EnvironmentFile"));
        Assert.Equal(Path.GetDirectoryName(exec[1]), unit.Single("Service", "WorkingDirectory"));
        // Each node on a host keeps its own data directory.
        Assert.Contains("%i", unit.Single("Service", "StateDirectory"));
    }

    [Fact]
    public void The_silo_unit_leaves_docker_and_the_gpus_reachable()
    {
        var unit = UnitFile.Read(Path.Combine(DeployFiles.SystemdDirectory, SiloUnit));
        // Each of these would hide /dev/kfd and /dev/dri (ProtectClock= through its implied device allow-list).
        foreach (var key in new[] { "PrivateDevices", "ProtectClock" })
        {
            Assert.True(unit.Values("Service", key) is [] or ["false" or "no"], $"{key} hides the GPUs from the silo");
        }

        Assert.Empty(unit.Values("Service", "DevicePolicy"));
        Assert.Empty(unit.Values("Service", "DeviceAllow"));
        Assert.Empty(unit.Values("Service", "MemoryDenyWriteExecute"));
        Assert.Contains("AF_UNIX", unit.Single("Service", "RestrictAddressFamilies") ?? "AF_UNIX");
        Assert.Contains("docker.service", unit.Values("Unit", "After"));
    }

    [Fact]
    public void The_dashboard_unit_runs_the_web_app_from_its_folder()
    {
        var unit = UnitFile.Read(Path.Combine(DeployFiles.SystemdDirectory, DashboardUnit));
        var exec = Arguments(unit.Single("Service", "ExecStart"));
        Assert.Equal("/usr/bin/dotnet", exec[0]);
        Assert.Equal("SglangCi.Web.dll", Path.GetFileName(exec[1]));
        // The content root (wwwroot, appsettings.json) is the current directory.
        Assert.Equal(Path.GetDirectoryName(exec[1]), unit.Single("Service", "WorkingDirectory"));
        Assert.Equal("/etc/sglang-ci/dashboard.env", unit.Single("Service", "EnvironmentFile"));
    }

    [Fact]
    public void The_documented_settings_are_configuration_keys()
    {
        Assert.All(DocumentedKeys, key => Assert.True(DeployFiles.IsConfigurationKey(key), $"{key} is bound by no options class"));
    }

    [Theory]
    [MemberData(nameof(SystemdEnvExamples))]
    public void Env_examples_set_only_real_settings(string file)
    {
        var entries = DeployFiles.ReadEnvFile(Path.Combine(DeployFiles.SystemdDirectory, file), includeCommented: true);
        Assert.NotEmpty(entries);
        foreach (var (key, _) in entries)
        {
            var known = key.StartsWith("SglangCi__", StringComparison.Ordinal)
                ? DeployFiles.IsConfigurationKey(key.Replace("__", ":", StringComparison.Ordinal))
                : OtherVariables.Contains(key);
            Assert.True(known, $"{file}: {key} is read by nothing");
        }

        // The connection string is what makes a silo or the dashboard join the cluster.
        Assert.Contains(entries, e => e.Key == "SglangCi__Cluster__Postgres" && e.Value.Contains("Database=sglang_ci", StringComparison.Ordinal));
    }

    [Fact]
    public void The_silo_env_example_describes_a_node_without_naming_it()
    {
        var entries = DeployFiles.ReadEnvFile(Path.Combine(DeployFiles.SystemdDirectory, "silo.env.example")).ToDictionary(e => e.Key, e => e.Value);
        Assert.True(entries.ContainsKey("SglangCi__Node__Hardware"), "cluster mode needs the node's hardware");
        Assert.True(Enum.TryParse<EngineRuntimeKind>(entries.GetValueOrDefault("SglangCi__Node__Runtime"), ignoreCase: true, out _));
        // The unit passes --node %i; a name here as well would be one more place for the two to disagree.
        Assert.False(entries.ContainsKey("SglangCi__Cluster__NodeName"));
    }

    private static TheoryData<string> FilesIn(string directory, string pattern)
    {
        var data = new TheoryData<string>();
        foreach (var file in Names(directory, pattern))
        {
            data.Add(file);
        }

        return data;
    }

    private static List<string> Names(string directory, string pattern) =>
        [.. Directory.GetFiles(directory, pattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>Splits an ExecStart= line on whitespace (the units quote nothing).</summary>
    private static List<string> Arguments(string? commandLine)
    {
        Assert.False(string.IsNullOrWhiteSpace(commandLine), "no ExecStart=");
        return [.. commandLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>
    /// A systemd unit file, read the INI-like way systemd does: <c>[Section]</c> headers, <c>Key=Value</c> lines,
    /// <c>#</c> and <c>;</c> comments; a key may repeat. Anything else is an error naming the line.
    /// </summary>
    private sealed class UnitFile
    {
        public Dictionary<string, List<KeyValuePair<string, string>>> Sections { get; } = new(StringComparer.Ordinal);

        public List<string> SectionOrder { get; } = [];

        public static UnitFile Read(string path)
        {
            var unit = new UnitFile();
            List<KeyValuePair<string, string>>? current = null;
            var number = 0;
            foreach (var raw in File.ReadLines(path))
            {
                number++;
                var line = raw.Trim();
                if (line.Length == 0 || line[0] is '#' or ';')
                {
                    continue;
                }

                Assert.False(line.EndsWith('\\'), $"{path}:{number}: continued lines are not used here");
                if (line[0] == '[')
                {
                    Assert.True(line[^1] == ']' && line.Length > 2, $"{path}:{number}: malformed section header '{line}'");
                    var name = line[1..^1];
                    current = [];
                    Assert.True(unit.Sections.TryAdd(name, current), $"{path}:{number}: section [{name}] appears twice");
                    unit.SectionOrder.Add(name);
                    continue;
                }

                var equals = line.IndexOf('=');
                Assert.True(equals > 0, $"{path}:{number}: '{line}' is neither a section, a comment nor Key=Value");
                Assert.True(current is not null, $"{path}:{number}: '{line}' comes before any section");
                current.Add(KeyValuePair.Create(line[..equals].Trim(), line[(equals + 1)..].Trim()));
            }

            return unit;
        }

        /// <summary>Every value of <paramref name="key"/> in <paramref name="section"/>, space-separated lists split.</summary>
        public IReadOnlyList<string> Values(string section, string key) =>
            Sections.GetValueOrDefault(section, []).Where(e => e.Key == key)
                .SelectMany(e => e.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

        /// <summary>The one <paramref name="key"/> line's value; fails when it repeats. Null when absent.</summary>
        public string? Single(string section, string key)
        {
            var lines = Sections.GetValueOrDefault(section, []).Where(e => e.Key == key).ToList();
            Assert.True(lines.Count <= 1, $"[{section}] {key}= is set {lines.Count} times");
            return lines.Count == 0 ? null : lines[0].Value;
        }
    }
}
