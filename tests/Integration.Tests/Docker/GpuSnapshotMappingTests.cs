using SglangCi.Integration.Tests.EndToEnd;
using SglangCi.Silo.Runtimes.Docker;
using SglangCi.Toolkit.Parsing.GpuSmi;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>The Docker node's GPU snapshot from real tool outputs (the Toolkit's GPU-tool fixtures), and its defaults.</summary>
public sealed class GpuSnapshotMappingTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    private static string Fixture(string name) =>
        Path.Combine(RepositoryLayout.Discover().Root, "tests", "Toolkit.Tests", "Parsing", "GpuSmi", "Fixtures", name);

    [Fact]
    public void Nvidia_query_rows_become_gpus_and_gpus_the_tool_did_not_print_count_as_busy()
    {
        var snapshot = GpuSnapshotMapping.From(GpuSmiParser.ParseFile(Fixture("nvidia-smi-query-gpu.csv")), gpuCount: 3, At);

        Assert.Equal(At, snapshot.TakenAt);
        Assert.Equal([0, 1, 2], snapshot.Gpus.Select(g => g.Index));
        Assert.True(snapshot.Gpus[0].IsIdle(15));
        Assert.Equal(93, snapshot.Gpus[1].UtilizationPercent);
        Assert.False(snapshot.Gpus[1].IsIdle(15));
        Assert.Equal([GpuSnapshotMapping.NotReported], snapshot.Gpus[2].Processes);
        Assert.False(snapshot.Gpus[2].IsIdle(15));
    }

    [Fact]
    public void Rocm_process_lists_without_gpu_index_mark_every_gpu()
    {
        var report = GpuSmiParser.Parse(File.ReadAllText(Fixture("rocm-smi-showpids.txt")) + "\nGPU[0]\t\t: GPU use (%): 0\nGPU[0]\t\t: GPU Memory Allocated (VRAM%): 0\n");
        var snapshot = GpuSnapshotMapping.From(report, gpuCount: 1, At);

        var gpu = Assert.Single(snapshot.Gpus);
        Assert.Contains(gpu.Processes, p => p.Contains("pt_main_thread", StringComparison.Ordinal));
    }

    [Fact]
    public void Amd_smi_monitor_and_process_outputs_give_load_and_the_processes_per_gpu()
    {
        var monitor = GpuSmiParser.Parse(File.ReadAllText(Fixture("amd-smi-monitor.txt")));
        var snapshot = GpuSnapshotMapping.From(monitor, gpuCount: 2, At);

        Assert.Equal([0, 1], snapshot.Gpus.Select(g => g.Index));
        Assert.Equal(97, snapshot.Gpus[0].UtilizationPercent);
        Assert.False(snapshot.Gpus[0].IsIdle(15));
        Assert.True(snapshot.Gpus[1].IsIdle(15));

        // The probe runs its commands in turn and reads their outputs as one (HostGpuProbe): `amd-smi monitor` then
        // `amd-smi process` gives each GPU's load and the processes on it.
        var both = GpuSnapshotMapping.From(
            GpuSmiParser.Parse(File.ReadAllText(Fixture("amd-smi-monitor.txt")) + "\n" + File.ReadAllText(Fixture("amd-smi-process.txt"))), gpuCount: 2, At);
        Assert.Contains(both.Gpus[1].Processes, p => p.Contains("4242", StringComparison.Ordinal));
        Assert.False(both.Gpus[1].IsIdle(15));
    }

    [Fact]
    public void Probe_commands_default_by_vendor_and_none_turns_the_probe_off()
    {
        Assert.Equal(["rocm-smi --showuse --showmemuse --showpids"], new DockerGpuProbeOptions().EffectiveCommands(GpuVendor.Amd));
        Assert.Equal(2, new DockerGpuProbeOptions().EffectiveCommands(GpuVendor.Nvidia).Count);
        Assert.Empty(new DockerGpuProbeOptions().EffectiveCommands(GpuVendor.None));
        Assert.Empty(new DockerGpuProbeOptions { Commands = ["none"] }.EffectiveCommands(GpuVendor.Amd));
        Assert.Equal(["amd-smi monitor"], new DockerGpuProbeOptions { Commands = ["amd-smi monitor"] }.EffectiveCommands(GpuVendor.Amd));
        Assert.All(GpuSnapshotMapping.Idle(8, At).Gpus, g => Assert.True(g.IsIdle(0)));
    }
}
