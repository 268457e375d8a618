using System.Text.Json;
using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.GpuSmi;

namespace SglangCi.Toolkit.Tests.Parsing.GpuSmi;

/// <summary>The gpu-smi parser on outputs reconstructed from public captures (see Fixtures/README.md).</summary>
public sealed class GpuSmiParserTests
{
    private static string Fixture(string name) =>
        Path.Combine(TestPaths.RepositoryRoot, "tests", "Toolkit.Tests", "Parsing", "GpuSmi", "Fixtures", name);

    private static GpuSmiReport Parse(string name) => GpuSmiParser.ParseFile(Fixture(name));

    private static GpuSmiGpu Gpu(GpuSmiReport report, int index) => Assert.Single(report.Gpus, g => g.Index == index);

    [Theory]
    [InlineData("rocm-smi-old-table.txt", "rocm-smi")]
    [InlineData("rocm-smi-2018-pclk.txt", "rocm-smi")]
    [InlineData("rocm-smi-concise-5x.txt", "rocm-smi")]
    [InlineData("rocm-smi-new-table.txt", "rocm-smi")]
    [InlineData("rocm-smi-showuse.txt", "rocm-smi")]
    [InlineData("rocm-smi-showmemuse.txt", "rocm-smi")]
    [InlineData("rocm-smi-showpids.txt", "rocm-smi")]
    [InlineData("rocm-smi-all.txt", "rocm-smi")]
    [InlineData("rocm-smi-json.json", "rocm-smi")]
    [InlineData("rocm-smi-csv.csv", "rocm-smi")]
    [InlineData("amd-smi-monitor.txt", "amd-smi")]
    [InlineData("amd-smi-monitor-old.txt", "amd-smi")]
    [InlineData("amd-smi-monitor-process.txt", "amd-smi")]
    [InlineData("amd-smi-process.txt", "amd-smi")]
    [InlineData("nvidia-smi-table.txt", "nvidia-smi")]
    [InlineData("nvidia-smi-table-old.txt", "nvidia-smi")]
    [InlineData("nvidia-smi-table-mig.txt", "nvidia-smi")]
    [InlineData("nvidia-smi-query-gpu.csv", "nvidia-smi")]
    [InlineData("nvidia-smi-query-gpu-noheader-nounits.csv", "nvidia-smi")]
    [InlineData("nvidia-smi-query-compute-apps.csv", "nvidia-smi")]
    public void Tool_IsDetectedFromTheText(string file, string tool) => Assert.Equal(tool, Parse(file).Tool);

    [Fact]
    public void RocmSmi_OldTable_ReadsGpuPercent_AndNullsNa()
    {
        var r = Parse("rocm-smi-old-table.txt");
        Assert.Equal(2, r.Gpus.Count);
        Assert.Equal(new GpuSmiGpu(0, null, null, null, null), Gpu(r, 0));
        Assert.Equal(12, Gpu(r, 1).UtilizationPct);
    }

    [Fact]
    public void RocmSmi_2018Table_WithSpacedPclkValue_IsMatchedFromTheRight()
    {
        var gpu = Assert.Single(Parse("rocm-smi-2018-pclk.txt").Gpus);
        Assert.Equal(0, gpu.Index);
        Assert.Null(gpu.UtilizationPct);
    }

    [Fact]
    public void RocmSmi_ConciseInfo_ReadsVramAndGpuPercent()
    {
        var r = Parse("rocm-smi-concise-5x.txt");
        Assert.Equal(4, r.Gpus.Count);
        Assert.Equal(98, Gpu(r, 1).UtilizationPct);
        Assert.Equal(63, Gpu(r, 1).MemoryUsedPct);
        Assert.Equal(0, Gpu(r, 3).UtilizationPct);
    }

    [Fact]
    public void RocmSmi_NewTwoLineHeaderTable_ReadsDevices_AndPartitionNa()
    {
        var r = Parse("rocm-smi-new-table.txt");
        Assert.Equal([0, 1, 2], r.Gpus.Select(g => g.Index));
        Assert.Equal(100, Gpu(r, 0).UtilizationPct);
        Assert.Equal(87, Gpu(r, 0).MemoryUsedPct);
        Assert.Null(Gpu(r, 1).UtilizationPct);
        Assert.Equal(0, Gpu(r, 1).MemoryUsedPct);
    }

    [Fact]
    public void RocmSmi_ShowUse_And_ShowMemUse_IgnoreActivity()
    {
        var use = Parse("rocm-smi-showuse.txt");
        Assert.Equal(97, Gpu(use, 0).UtilizationPct);
        Assert.Equal(0, Gpu(use, 1).UtilizationPct);

        var mem = Parse("rocm-smi-showmemuse.txt");
        Assert.Equal(87, Gpu(mem, 0).MemoryUsedPct); // allocation, not the 12 % read/write activity
        Assert.Null(Gpu(mem, 0).UtilizationPct);
    }

    [Fact]
    public void RocmSmi_All_CombinesUseMemoryAndSizes_SkippingErrors()
    {
        var gpu = Assert.Single(Parse("rocm-smi-all.txt").Gpus);
        Assert.Equal(new GpuSmiGpu(0, 3, 5, 26.566, 512), gpu);
    }

    [Fact]
    public void RocmSmi_ShowPids_GpuCountIsNotAnIndex()
    {
        var r = Parse("rocm-smi-showpids.txt");
        Assert.Empty(r.Gpus);
        Assert.Equal(2, r.Processes.Count);
        var big = Assert.Single(r.Processes, p => p.Pid == 1168514);
        Assert.Equal("pt_main_thread", big.Name);
        Assert.Null(big.Gpu);
        Assert.Equal(169169.371, big.MemoryMiB!.Value, 3);

        var unknown = Assert.Single(Parse("rocm-smi-showpids-unknown.txt").Processes);
        Assert.Equal(new GpuSmiProcess(null, 55573, "gmx_mpi", null), unknown);
    }

    [Fact]
    public void RocmSmi_Json_ReadsCardsAndSystemPids()
    {
        var r = Parse("rocm-smi-json.json");
        Assert.Equal(19, Gpu(r, 0).UtilizationPct);
        Assert.Equal(87, Gpu(r, 0).MemoryUsedPct);
        Assert.Equal(20464, Gpu(r, 0).MemoryTotalMiB!.Value, 0);
        Assert.Equal(0, Gpu(r, 1).MemoryUsedPct);
        Assert.Equal(1168514, Assert.Single(r.Processes).Pid);
    }

    [Fact]
    public void RocmSmi_Csv_DerivesPercentFromBytes()
    {
        var r = Parse("rocm-smi-csv.csv");
        Assert.Equal(45, Gpu(r, 1).UtilizationPct);
        Assert.Equal(50, Gpu(r, 1).MemoryUsedPct!.Value, 0);
        Assert.Equal(0.13, Gpu(r, 0).MemoryUsedPct);
    }

    [Fact]
    public void AmdSmi_Monitor_ReadsRightAlignedCellsWithUnits()
    {
        var r = Parse("amd-smi-monitor.txt");
        Assert.Equal(97, Gpu(r, 0).UtilizationPct);
        Assert.Equal(3072, Gpu(r, 0).MemoryUsedMiB!.Value, 0);
        Assert.Equal(196300.8, Gpu(r, 0).MemoryTotalMiB!.Value, 1);
        Assert.Equal(1.56, Gpu(r, 0).MemoryUsedPct!.Value, 2);
        Assert.Equal(0, Gpu(r, 1).UtilizationPct);

        var old = Parse("amd-smi-monitor-old.txt");
        Assert.Equal(new GpuSmiGpu(1, 55, 50, 98144, 196288), Gpu(old, 1));
        Assert.Equal(0, Gpu(old, 0).UtilizationPct);
    }

    [Fact]
    public void AmdSmi_MonitorProcess_And_Process_ReadProcesses()
    {
        var monitor = Parse("amd-smi-monitor-process.txt");
        Assert.Equal(96, Gpu(monitor, 0).UtilizationPct);
        Assert.Equal(new GpuSmiProcess(0, 2266127, null, 2867.2), Assert.Single(monitor.Processes));

        var process = Parse("amd-smi-process.txt");
        Assert.Equal(
            [new GpuSmiProcess(0, 2266127, null, 1945.6), new GpuSmiProcess(1, 4242, "python3", 512)],
            process.Processes);
    }

    [Fact]
    public void NvidiaSmi_Table_ReadsGpusAndProcesses()
    {
        var r = Parse("nvidia-smi-table.txt");
        Assert.Equal([new GpuSmiGpu(0, 0, 0, 1, 81559), new GpuSmiGpu(1, 93, 90.99, 74213, 81559)], r.Gpus);
        Assert.Equal(new GpuSmiProcess(1, 51234, "python3 -m sglang.launch_server", 74200), Assert.Single(r.Processes));

        var old = Parse("nvidia-smi-table-old.txt");
        Assert.Equal(47, Gpu(old, 0).UtilizationPct);
        Assert.Equal(new GpuSmiProcess(0, 9922, "/usr/bin/python", 1923), Assert.Single(old.Processes));
    }

    [Fact]
    public void NvidiaSmi_MigTable_HasNaUtilization_AndInstancesAreNotGpus()
    {
        var r = Parse("nvidia-smi-table-mig.txt");
        var gpu = Assert.Single(r.Gpus);
        Assert.Null(gpu.UtilizationPct);
        Assert.Equal(34076, gpu.MemoryUsedMiB);
        Assert.Equal([11021, 11022], r.Processes.Select(p => p.Pid));
        Assert.All(r.Processes, p => Assert.Equal(0, p.Gpu));
    }

    [Fact]
    public void NvidiaSmi_QueryCsv_WithAndWithoutHeaderAndUnits_AndMigNa()
    {
        Assert.Equal(Parse("nvidia-smi-query-gpu.csv").Gpus, Parse("nvidia-smi-query-gpu-noheader-nounits.csv").Gpus);
        Assert.Equal(new GpuSmiGpu(1, 93, 90.99, 74213, 81559), Gpu(Parse("nvidia-smi-query-gpu.csv"), 1));

        var mig = Parse("nvidia-smi-query-gpu-mig.csv");
        Assert.Null(Gpu(mig, 0).UtilizationPct);
        Assert.Equal(12, Gpu(mig, 1).UtilizationPct);

        var apps = Parse("nvidia-smi-query-compute-apps.csv");
        Assert.Equal([new GpuSmiProcess(null, 51234, "python3", 74200), new GpuSmiProcess(null, 11021, "python", null)], apps.Processes);
    }

    [Fact]
    public void NotAGpuTool_IsRejected_NamingTheFile()
    {
        var ex = Assert.Throws<OutputParseException>(() => Parse("not-a-gpu-tool.txt"));
        Assert.Contains("not-a-gpu-tool.txt", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rocm-smi", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedRow_NamesFileLineAndExpectation()
    {
        var ex = Assert.Throws<OutputParseException>(() => Parse("rocm-smi-bad-row.txt"));
        Assert.EndsWith("rocm-smi-bad-row.txt", ex.File, StringComparison.Ordinal);
        Assert.Equal(2, ex.Line);
        Assert.Contains("VRAM%", ex.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_HasTheDocumentedShape_WithNulls()
    {
        var json = JsonSerializer.Serialize(Parse("nvidia-smi-table-mig.txt"), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(["tool", "gpus", "processes"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        var gpu = doc.RootElement.GetProperty("gpus")[0];
        Assert.Equal(["index", "utilizationPct", "memoryUsedPct", "memoryUsedMiB", "memoryTotalMiB"], gpu.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, gpu.GetProperty("utilizationPct").ValueKind);
        Assert.Equal(["gpu", "pid", "name", "memoryMiB"], doc.RootElement.GetProperty("processes")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void GpuSmiJson_MatchesTheSerializedReport()
    {
        var report = Parse("amd-smi-monitor-process.txt");
        var node = GpuSmiJson.ToJson(report);
        Assert.Equal("amd-smi", (string?)node["tool"]);
        Assert.Null(node["processes"]![0]!["name"]);
        Assert.Equal(2266127, (int)node["processes"]![0]!["pid"]!);
        Assert.Equal(96.0, (double)node["gpus"]![0]!["utilizationPct"]!);
    }

    [Fact]
    public void SnapshotRows_TreatUnknownAsBusy_AndListProcessesPerGpu()
    {
        var r = Parse("nvidia-smi-table-mig.txt");
        Assert.Equal([(0, 100.0, 84.06)], r.ToSnapshotRows());
        Assert.Equal([(0, 0.0, 84.06)], r.ToSnapshotRows(unknownPercent: 0));
        Assert.Equal(["11021 python", "11022 python"], r.ProcessesOn(0));

        var pids = Parse("rocm-smi-showpids.txt");
        Assert.Equal(2, pids.ProcessesOn(5).Count); // GPU unknown: counted on every GPU
    }
}
