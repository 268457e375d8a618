using System.Globalization;
using System.Runtime.InteropServices;

namespace SglangCi.Silo.Runtimes.Processes;

/// <summary>One process as the kernel knows it: its id and its start time (so a reused id is never mistaken for it).</summary>
internal readonly record struct ProcessIdentity(int Pid, ulong StartTime);

/// <summary>
/// The Linux process table as the process runtime needs it: who descends from (or shares the process group of) a
/// process we started, whether a process is still the one we saw, and signals. Reads <c>/proc</c>; elsewhere it sees
/// nothing and signals fall back to <see cref="System.Diagnostics.Process.Kill(bool)"/> by the caller.
/// </summary>
internal static class ProcessTree
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    private const string Proc = "/proc";

    /// <summary>Every live process below <paramref name="root"/> (children, their children, …) and, when <paramref name="group"/> is given, every process of that process group.</summary>
    public static IReadOnlyList<ProcessIdentity> Family(int root, int? group)
    {
        var table = Snapshot();
        var children = table.Values.ToLookup(p => p.ParentPid);
        var found = new Dictionary<int, ProcessIdentity>();
        var pending = new Stack<int>([root]);
        while (pending.Count > 0)
        {
            foreach (var child in children[pending.Pop()])
            {
                if (found.TryAdd(child.Id.Pid, child.Id))
                {
                    pending.Push(child.Id.Pid);
                }
            }
        }

        if (group is { } pgid)
        {
            foreach (var entry in table.Values.Where(p => p.Group == pgid && p.Id.Pid != root))
            {
                found.TryAdd(entry.Id.Pid, entry.Id);
            }
        }

        return [.. found.Values];
    }

    /// <summary>The identity of <paramref name="pid"/> now, or null when there is no such (live) process.</summary>
    public static ProcessIdentity? Identify(int pid) => Read(pid)?.Id;

    /// <summary>Whether the process is still the one seen (same start time) and not a zombie.</summary>
    public static bool IsAlive(ProcessIdentity process) => Read(process.Pid) is { } entry && entry.Id.StartTime == process.StartTime;

    /// <summary>Sends <paramref name="signal"/> to the process if it is still the one seen.</summary>
    public static void Signal(ProcessIdentity process, int signal)
    {
        if (IsAlive(process))
        {
            _ = Kill(process.Pid, signal);
        }
    }

    /// <summary>Sends <paramref name="signal"/> to every process of the group (a group that no longer exists is fine).</summary>
    public static void SignalGroup(int groupId, int signal)
    {
        if (groupId > 1 && OperatingSystem.IsLinux())
        {
            _ = Kill(-groupId, signal);
        }
    }

    /// <summary>
    /// Stops a process tree this silo holds no handle of (one a crashed silo left behind): SIGTERM to <paramref name="root"/>,
    /// its process group while it leads one, and every descendant seen; after <paramref name="grace"/> (or when
    /// <paramref name="ct"/> is cancelled) SIGKILL to whatever of them still lives. Only processes seen with their start
    /// time are signalled, so a reused id is never hit. Returns whether all of them are gone.
    /// </summary>
    public static async Task<bool> StopTreeAsync(ProcessIdentity root, TimeSpan grace, CancellationToken ct = default)
    {
        int? group = Read(root.Pid) is { } entry && entry.Id.StartTime == root.StartTime && entry.Group == root.Pid ? root.Pid : null;
        var family = new HashSet<ProcessIdentity> { root };

        void Track()
        {
            // Descendants and group are ours only while the root (the group's leader) lives: after that its id may be
            // reused, and the members tracked so far stand for the tree.
            if (IsAlive(root))
            {
                family.UnionWith(Family(root.Pid, group));
            }

            family.RemoveWhere(p => !IsAlive(p));
        }

        void SignalAll(int signal)
        {
            if (group is { } pgid && IsAlive(root))
            {
                SignalGroup(pgid, signal);
            }

            foreach (var member in family)
            {
                Signal(member, signal);
            }
        }

        Track();
        SignalAll(SigTerm);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < grace && !ct.IsCancellationRequested && family.Count > 0)
        {
            try
            {
                await Task.Delay(100, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            Track();
        }

        var killing = System.Diagnostics.Stopwatch.StartNew();
        Track();
        while (family.Count > 0 && killing.Elapsed < TimeSpan.FromSeconds(5))
        {
            SignalAll(SigKill);
            await Task.Delay(50, CancellationToken.None);
            Track();
        }

        return family.Count == 0;
    }

    private static Dictionary<int, Entry> Snapshot()
    {
        var table = new Dictionary<int, Entry>();
        if (!Directory.Exists(Proc))
        {
            return table;
        }

        foreach (var directory in Directory.EnumerateDirectories(Proc))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } entry)
            {
                table[pid] = entry;
            }
        }

        return table;
    }

    /// <summary>Fields of <c>/proc/PID/stat</c>: after the parenthesised name come state, ppid, pgrp, … and (22nd) starttime.</summary>
    private static Entry? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"{Proc}/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 20 || fields[0] is "Z" or "X"
            || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parent)
            || !int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var group)
            || !ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var started))
        {
            return null;
        }

        return new Entry(new ProcessIdentity(pid, started), parent, group);
    }

    // DllImport, not LibraryImport: the generated stub would need unsafe code in this project, and int-only calls need no marshalling.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);

    private sealed record Entry(ProcessIdentity Id, int ParentPid, int Group);
}
