using System.Text.Json;
using System.Text.Json.Serialization;

namespace SglangCi.Silo.Runtimes.Processes;

/// <summary>
/// What the process runtime notes about a child it started, so that a later silo can find it after a crash: the
/// process (pid and start time from <c>/proc/PID/stat</c>, together never reused), the silo process that started it,
/// the node, the run, whether it is the run's server or a command, and its command line.
/// </summary>
public sealed record ProcessRecord(
    int Pid,
    ulong StartTime,
    string Node,
    string RunId,
    string Role,
    IReadOnlyList<string> Command,
    int OwnerPid,
    ulong OwnerStartTime,
    DateTimeOffset StartedAt)
{
    public const string ServerRole = "server";

    public const string CommandRole = "command";

    public override string ToString() => $"{Role} pid {Pid} of run {RunId}";
}

/// <summary>
/// The process runtime's records (<see cref="ProcessRecord"/>), one small JSON file per process under
/// <c>ROOT/NODE/PID.json</c>: written when a child starts, deleted when it has been stopped.
/// </summary>
public sealed class ProcessRecords(string root)
{
    private const string Extension = ".json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = JsonNumberHandling.Strict };

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The folder of a node's records (its name made safe as a file name).</summary>
    public string NodeDirectory(string node)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string([.. node.Select(c => invalid.Contains(c) ? '_' : c)]);
        return Path.Combine(Root, safe is "." or ".." ? "_" : safe);
    }

    public string PathOf(string node, int pid) => Path.Combine(NodeDirectory(node), $"{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}{Extension}");

    /// <summary>Writes the record (atomically: a reader never sees half of it).</summary>
    public void Write(ProcessRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = PathOf(record.Node, record.Pid);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Deletes the record of <paramref name="pid"/> on <paramref name="node"/> if there is one.</summary>
    public void Delete(string node, int pid) => File.Delete(PathOf(node, pid));

    /// <summary>The nodes that have a folder of records.</summary>
    public IReadOnlyList<string> NodeFolders() =>
        Directory.Exists(Root) ? [.. Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)] : [];

    /// <summary>The records in a node's folder: each file with its record, or null when it cannot be read (a torn or foreign file).</summary>
    public IReadOnlyList<(string Path, ProcessRecord? Record)> ReadFolder(string folder)
    {
        var directory = Path.Combine(Root, folder);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var found = new List<(string, ProcessRecord?)>();
        foreach (var file in Directory.EnumerateFiles(directory, "*" + Extension).Order(StringComparer.Ordinal))
        {
            ProcessRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<ProcessRecord>(File.ReadAllText(file), Json);
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                record = null;
            }

            found.Add((file, record is { Pid: > 1, RunId: not null, Node: not null } ? record : null));
        }

        return found;
    }

    /// <summary>The records of <paramref name="node"/>.</summary>
    public IReadOnlyList<(string Path, ProcessRecord? Record)> Read(string node) => ReadFolder(Path.GetFileName(NodeDirectory(node)));
}
