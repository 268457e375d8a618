using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Silo.Hosting;
using SglangCi.Silo.Runtimes.Docker;
using SglangCi.Web.Security;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SglangCi.Integration.Tests.Deploy;

/// <summary>The files under <c>deploy/</c> that describe a cluster, read the way the tools that use them do.</summary>
internal static partial class DeployFiles
{
    private static readonly Lazy<string> Root = new(() => RepositoryLayout.Discover().Root);

    public static string RepositoryRoot => Root.Value;

    public static string PathOf(params string[] parts) => Path.Combine([RepositoryRoot, "deploy", .. parts]);

    public static string ComposePath => PathOf("docker-compose.yml");

    public static string DockerfilePath => PathOf("docker", "Dockerfile");

    public static string SystemdDirectory => PathOf("systemd");

    /// <summary>
    /// The compose file as Compose sees it: YAML merge keys (<c>&lt;&lt;: *silo</c>) applied, so each service holds what
    /// it inherits. Variables stay as written (<c>${POSTGRES_PASSWORD:?…}</c>): interpolation is the environment's.
    /// </summary>
    public static ComposeFile LoadCompose()
    {
        // YamlDotNet's typed reader skips the x- extension fields it has no property for, and the anchors declared in
        // them with it (the aliases after them then fail), and its MergingParser does not replay aliases nested in a
        // merged mapping. So: the representation model (aliases resolved to their nodes), merge keys applied here,
        // and that plain tree read again into the model.
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(ComposePath)))
        {
            stream.Load(reader);
        }

        var root = stream.Documents.Count == 1 ? stream.Documents[0].RootNode : throw new InvalidDataException($"{ComposePath} holds {stream.Documents.Count} documents");
        var expanded = new SerializerBuilder().Build().Serialize(Plain(root));
        return new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build()
            .Deserialize<ComposeFile>(expanded);
    }

    /// <summary>
    /// A node as dictionaries, lists and strings, with YAML merge keys (<c>&lt;&lt;: *anchor</c>, or a list of them)
    /// applied: a mapping's own keys win over merged ones, and an earlier merged mapping over a later one.
    /// </summary>
    private static object? Plain(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode sequence => sequence.Children.Select(Plain).ToList(),
        YamlMappingNode mapping => PlainMapping(mapping),
        _ => throw new InvalidDataException($"unexpected YAML node {node.NodeType} at {node.Start}"),
    };

    private static Dictionary<string, object?> PlainMapping(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children.Where(c => !IsMergeKey(c.Key)))
        {
            var name = key is YamlScalarNode { Value: { } text } ? text : throw new InvalidDataException($"a mapping key at {key.Start} is not a scalar");
            if (!result.TryAdd(name, Plain(value)))
            {
                throw new InvalidDataException($"key '{name}' appears twice at {key.Start}");
            }
        }

        foreach (var (_, value) in mapping.Children.Where(c => IsMergeKey(c.Key)))
        {
            var sources = value is YamlSequenceNode list ? list.Children : [value];
            foreach (var source in sources)
            {
                var merged = source is YamlMappingNode m ? PlainMapping(m) : throw new InvalidDataException($"a merge key at {source.Start} names no mapping");
                foreach (var (name, mergedValue) in merged)
                {
                    result.TryAdd(name, mergedValue);
                }
            }
        }

        return result;
    }

    private static bool IsMergeKey(YamlNode key) => key is YamlScalarNode { Value: "<<", Style: ScalarStyle.Plain or ScalarStyle.Any };

    /// <summary><c>dotnet publish PROJECT … -o DIR</c> lines of the Dockerfile: the folder each project lands in.</summary>
    public static IReadOnlyDictionary<string, string> DockerfilePublishFolders()
    {
        var folders = PublishLine().Matches(File.ReadAllText(DockerfilePath))
            .ToDictionary(m => m.Groups["project"].Value.TrimEnd('/'), m => m.Groups["output"].Value.TrimEnd('/'), StringComparer.Ordinal);
        Assert.NotEmpty(folders);
        return folders;
    }

    /// <summary>
    /// Every configuration key the options classes that deployments set can bind, colon-separated, with <c>*</c> for a
    /// list index or dictionary key. Built from the classes, so a renamed setting fails the env-file checks.
    /// </summary>
    public static IReadOnlyList<string> ConfigurationKeys { get; } =
    [
        .. KeysOf(typeof(SglangCiOptions), SglangCiOptions.SectionName),
        .. KeysOf(typeof(DashboardAccessOptions), DashboardAccessOptions.SectionName),
        .. KeysOf(typeof(DockerRuntimeOptions), DockerRuntimeOptions.SectionName),
    ];

    /// <summary>Whether <paramref name="key"/> (<c>A:B:C</c>, any case) is one of <see cref="ConfigurationKeys"/>.</summary>
    public static bool IsConfigurationKey(string key)
    {
        var segments = key.Split(':');
        return ConfigurationKeys.Any(known =>
        {
            var pattern = known.Split(':');
            return pattern.Length == segments.Length
                && pattern.Zip(segments).All(p => p.First == "*" || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
        });
    }

    /// <summary>The <c>KEY=VALUE</c> lines of an env file; with <paramref name="includeCommented"/> also <c># KEY=VALUE</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ReadEnvFile(string path, bool includeCommented = false) =>
        File.ReadAllLines(path)
            .Select(line => EnvLine().Match(line))
            .Where(m => m.Success && (includeCommented || !m.Groups["comment"].Success))
            .Select(m => KeyValuePair.Create(m.Groups["key"].Value, m.Groups["value"].Value))
            .ToList();

    /// <summary>The names in <c>${NAME}</c>, <c>${NAME:-default}</c>, <c>${NAME:?error}</c> references of <paramref name="text"/>.</summary>
    public static IReadOnlySet<string> VariableReferences(string text) =>
        VariableReference().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="value"/> is one whole <c>${NAME…}</c> reference: a value from the environment.</summary>
    public static bool IsWholeVariableReference(string? value, string? name = null)
    {
        var match = value is null ? Match.Empty : WholeVariableReference().Match(value);
        return match.Success && (name is null || match.Groups["name"].Value == name);
    }

    private static IEnumerable<string> KeysOf(Type type, string prefix, int depth = 0)
    {
        // Options classes nest a few levels; the bound stops runaway recursion on a type that refers to itself.
        if (depth > 6)
        {
            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            foreach (var key in KeysOfValue(property.PropertyType, $"{prefix}:{property.Name}", depth))
            {
                yield return key;
            }
        }
    }

    private static IEnumerable<string> KeysOfValue(Type type, string key, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsLeaf(type))
        {
            return [key];
        }

        if (type.IsGenericType && type.GetGenericArguments() is { Length: 1 } item && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return KeysOfValue(item[0], key + ":*", depth + 1);
        }

        if (type.IsGenericType && type.GetGenericArguments() is { Length: 2 } pair && typeof(System.Collections.IDictionary).IsAssignableFrom(type))
        {
            return KeysOfValue(pair[1], key + ":*", depth + 1);
        }

        return KeysOf(type, key, depth + 1);
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Uri) || type == typeof(Guid);

    [GeneratedRegex(@"dotnet publish (?<project>src/[\w.]+/?)\s[^\n]*?-o (?<output>/\S+)")]
    private static partial Regex PublishLine();

    [GeneratedRegex(@"^(?<comment>#\s*)?(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex EnvLine();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::?[-?+][^}]*)?\}")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::?[-?][^}]*)?\}$")]
    private static partial Regex WholeVariableReference();
}

/// <summary>An IPv4 block in CIDR notation (<c>172.30.100.0/24</c>).</summary>
internal readonly record struct Ipv4Block(uint Network, int PrefixLength)
{
    private uint Mask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);

    public static Ipv4Block Parse(string cidr)
    {
        var parts = cidr.Split('/');
        Assert.True(parts.Length == 2 && int.TryParse(parts[1], out var length) && length is >= 0 and <= 32, $"'{cidr}' is not a CIDR block");
        var block = new Ipv4Block(ToNumber(parts[0]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True((block.Network & ~block.Mask) == 0, $"'{cidr}' has host bits set");
        return block;
    }

    public static uint ToNumber(string address)
    {
        Assert.True(IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork, $"'{address}' is not an IPv4 address");
        var bytes = ip.GetAddressBytes();
        return (uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3];
    }

    public bool Contains(string address) => (ToNumber(address) & Mask) == Network;

    /// <summary>The block's own address, its broadcast address and the first host (Docker's default gateway).</summary>
    public bool IsReserved(string address)
    {
        var number = ToNumber(address);
        return number == Network || number == (Network | ~Mask) || number == Network + 1;
    }
}

/// <summary>The parts of a Compose file the checks read; everything else is ignored.</summary>
public sealed class ComposeFile
{
    public Dictionary<string, ComposeService> Services { get; set; } = [];

    public Dictionary<string, ComposeNetwork?> Networks { get; set; } = [];

    public Dictionary<string, object?> Volumes { get; set; } = [];
}

public sealed class ComposeService
{
    public string? Image { get; set; }

    public List<string>? Entrypoint { get; set; }

    public List<string>? Command { get; set; }

    public string? WorkingDir { get; set; }

    public string? Hostname { get; set; }

    public Dictionary<string, string?>? Environment { get; set; }

    public Dictionary<string, ComposeDependency>? DependsOn { get; set; }

    public List<string>? Ports { get; set; }

    public List<string>? Volumes { get; set; }

    public ComposeHealthcheck? Healthcheck { get; set; }

    /// <summary>A list of network names, or a map of name to its settings (<c>ipv4_address</c>).</summary>
    public object? Networks { get; set; }

    /// <summary>The value after <paramref name="option"/> in the command, or null when it is not there.</summary>
    public string? Option(string option)
    {
        var command = Command ?? [];
        var index = command.IndexOf(option);
        return index >= 0 && index + 1 < command.Count ? command[index + 1] : null;
    }

    /// <summary>Network name → its fixed IPv4 address (null when the network assigns one).</summary>
    public IReadOnlyDictionary<string, string?> NetworkAddresses() => Networks switch
    {
        null => new Dictionary<string, string?>(),
        List<object> names => names.ToDictionary(n => (string)n, _ => (string?)null),
        Dictionary<object, object> map => map.ToDictionary(
            e => (string)e.Key,
            e => e.Value is Dictionary<object, object> settings && settings.TryGetValue("ipv4_address", out var address) ? address as string : null),
        _ => throw new InvalidDataException($"networks is neither a list nor a map: {Networks}"),
    };
}

public sealed class ComposeDependency
{
    public string? Condition { get; set; }
}

public sealed class ComposeHealthcheck
{
    public List<string>? Test { get; set; }
}

public sealed class ComposeNetwork
{
    public ComposeIpam? Ipam { get; set; }
}

public sealed class ComposeIpam
{
    public List<ComposeIpamConfig>? Config { get; set; }
}

public sealed class ComposeIpamConfig
{
    public string? Subnet { get; set; }

    public string? IpRange { get; set; }
}
