using System.Text.RegularExpressions;
using static SglangCi.Toolkit.Parsing.GpuSmi.GpuSmiValues;

namespace SglangCi.Toolkit.Parsing.GpuSmi;

// What amd-smi prints, as learned from public captures (addresses in tests/.../GpuSmi/Fixtures/README.md):
//
// * `amd-smi monitor`: one header line and one row per GPU (per partition with an XCP column on newer versions), every
//   value RIGHT-aligned under its header and carrying its unit after a space: `GPU  POWER   GPU_T   MEM_T   GFX_CLK
//   GFX%   MEM%   ENC%   DEC%      VRAM_USAGE` over `  0  305 W   49 °C   43 °C  2106 MHz   97 %    1 %    N/A    0 %
//   3.0/191.7 GB`. Because of the units, whitespace splitting misaligns; a value is the text between the end of the
//   previous header cell and the end of its own. Older versions (ROCm 6.0/6.1) name the columns GPU_TEMP, MEM_TEMP,
//   GFX_UTIL, GFX_CLOCK, MEM_UTIL, MEM_CLOCK and, with -v, VRAM_USED / VRAM_TOTAL in MB. GFX% (GFX_UTIL) is compute
//   utilization; MEM% (MEM_UTIL) is memory-controller activity, not allocation, and is ignored. VRAM_USAGE is
//   used/total; its "GB" is binary (an MI300X's 192 GiB prints 191.7 GB). A "WARNING: User is missing ... groups"
//   line may come first.
// * `amd-smi monitor --process` (`-q`): the monitor table, then "PROCESS INFO:" and a right-aligned table `GPU  NAME
//   PID  GTT_MEM  CPU_MEM  VRAM_MEM  MEM_USAGE  GFX  ENC` with sizes like "2.8 GB", "0.0 B"; NAME is "N/A" without
//   permission to read other users' processes.
// * `amd-smi process`: indented blocks, `GPU: 0`, then per process `PROCESS_INFO:` with `NAME:`, `PID:`,
//   `MEMORY_USAGE:` (`GTT_MEM`, `CPU_MEM`, `VRAM_MEM`), `MEM_USAGE:`, `USAGE:` (`GFX`, `ENC` in ns); a GPU without
//   processes says `PROCESS_INFO: No running processes detected`. Processes are listed under the GPUs they use (an
//   early version listed every process under every GPU, ROCm/legacy-rocm-build#2292); VRAM_MEM is taken as the
//   process's memory on that GPU.
internal static partial class AmdSmiParser
{
    public static bool LooksLike(string text) =>
        MonitorHeader().IsMatch(text) || text.Contains("PROCESS_INFO", StringComparison.Ordinal) ||
        text.Contains("AMD System Management Interface | Version", StringComparison.Ordinal);

    public static void Parse(IReadOnlyList<TextLine> lines, GpuSmiBuilder builder)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Text.TrimEnd();
            if (MonitorHeader().IsMatch(line))
            {
                i = ParseTable(lines, i, builder, MonitorRow);
            }
            else if (ProcessHeader().IsMatch(line))
            {
                i = ParseTable(lines, i, builder, ProcessRow);
            }
            else if (line.TrimStart().StartsWith("GPU:", StringComparison.Ordinal))
            {
                i = ParseProcessBlocks(lines, i, builder);
            }
        }
    }

    /// <summary>Cells of a right-aligned table: a value ends where its header cell ends.</summary>
    private static int ParseTable(
        IReadOnlyList<TextLine> lines, int headerIndex, GpuSmiBuilder builder, Action<GpuSmiBuilder, Dictionary<string, string>, int> row)
    {
        builder.Recognized = true;
        var header = lines[headerIndex].Text.TrimEnd();
        var cells = HeaderCell().Matches(header).Select(m => (Name: m.Value, End: m.Index + m.Length)).ToList();
        var i = headerIndex + 1;
        for (; i < lines.Count; i++)
        {
            var text = lines[i].Text.TrimEnd();
            if (!FirstCellIsIndex().IsMatch(text))
            {
                return i - 1;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var start = 0;
            for (var c = 0; c < cells.Count; c++)
            {
                // The last cell takes the rest of the line (a long value may run past its header).
                var end = c == cells.Count - 1 ? text.Length : Math.Min(cells[c].End, text.Length);
                values[cells[c].Name] = start < end ? text[start..end].Trim() : "";
                start = Math.Max(start, end);
            }

            row(builder, values, lines[i].Number);
        }

        return i;
    }

    private static void MonitorRow(GpuSmiBuilder builder, Dictionary<string, string> v, int line)
    {
        if (!TryInt(v["GPU"], out var index))
        {
            throw builder.Error(line, "an amd-smi monitor row starting with the GPU index");
        }

        double? util = null;
        if ((v.GetValueOrDefault("GFX%") ?? v.GetValueOrDefault("GFX_UTIL")) is { } gfx && !TryPercent(gfx, out util))
        {
            throw builder.Error(line, $"a GFX% value like \"97 %\", got \"{gfx}\"");
        }

        double? used = null, total = null;
        if (v.GetValueOrDefault("VRAM_USAGE") is { } usage && !IsMissing(usage))
        {
            // "3.0/191.7 GB": the unit follows the total.
            var m = VramUsage().Match(usage);
            if (!m.Success || !TrySizeMiB(m.Groups[1].Value + " " + m.Groups[3].Value, 1, out used) ||
                !TrySizeMiB(m.Groups[2].Value + " " + m.Groups[3].Value, 1, out total))
            {
                throw builder.Error(line, $"VRAM_USAGE like \"3.0/191.7 GB\", got \"{usage}\"");
            }
        }

        if (v.GetValueOrDefault("VRAM_USED") is { } u && !TrySizeMiB(u, 1, out used))
        {
            throw builder.Error(line, $"VRAM_USED like \"283 MB\", got \"{u}\"");
        }

        if (v.GetValueOrDefault("VRAM_TOTAL") is { } t && !TrySizeMiB(t, 1, out total))
        {
            throw builder.Error(line, $"VRAM_TOTAL like \"196288 MB\", got \"{t}\"");
        }

        double? pct = null;
        if (v.GetValueOrDefault("VRAM%") is { } p && !TryPercent(p, out pct))
        {
            throw builder.Error(line, $"a VRAM% value, got \"{p}\"");
        }

        builder.Gpu(new GpuSmiGpu(index, util, pct, used, total));
    }

    private static void ProcessRow(GpuSmiBuilder builder, Dictionary<string, string> v, int line)
    {
        if (!TryInt(v["GPU"], out var gpu) || !TryInt(v.GetValueOrDefault("PID"), out var pid))
        {
            throw builder.Error(line, "an amd-smi process row: GPU, NAME, PID, ...");
        }

        var name = v.GetValueOrDefault("NAME");
        if (!TrySizeMiB(v.GetValueOrDefault("VRAM_MEM"), 1, out var vram))
        {
            throw builder.Error(line, $"VRAM_MEM like \"2.8 GB\", got \"{v.GetValueOrDefault("VRAM_MEM")}\"");
        }

        builder.Process(new GpuSmiProcess(gpu, pid, IsMissing(name) ? null : name, vram));
    }

    private static int ParseProcessBlocks(IReadOnlyList<TextLine> lines, int start, GpuSmiBuilder builder)
    {
        builder.Recognized = true;
        int? gpu = null;
        (int Line, int? Pid, string? Name, double? Vram)? current = null;

        void Flush()
        {
            if (current is { } c)
            {
                if (c.Pid is not { } pid)
                {
                    throw builder.Error(c.Line, "a PID: line in the PROCESS_INFO block");
                }

                builder.Process(new GpuSmiProcess(gpu, pid, c.Name, c.Vram));
                current = null;
            }
        }

        var i = start;
        for (; i < lines.Count; i++)
        {
            var text = lines[i].Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                break;
            }

            var key = text[..colon].Trim();
            var value = text[(colon + 1)..].Trim();
            switch (key)
            {
                case "GPU":
                    Flush();
                    gpu = TryInt(value, out var g) ? g : throw builder.Error(lines[i].Number, $"a GPU index after \"GPU:\", got \"{value}\"");
                    break;
                case var k when k.StartsWith("PROCESS_INFO", StringComparison.Ordinal):
                    Flush();
                    if (value.Length == 0)
                    {
                        current = (lines[i].Number, null, null, null);
                    }

                    break;
                case "NAME" when current is not null:
                    current = current.Value with { Name = IsMissing(value) ? null : value };
                    break;
                case "PID" when current is not null:
                    current = current.Value with { Pid = TryInt(value, out var p) ? p : throw builder.Error(lines[i].Number, $"a process id, got \"{value}\"") };
                    break;
                case "VRAM_MEM" when current is not null:
                    current = current.Value with
                    {
                        Vram = TrySizeMiB(value, 1, out var mib) ? mib : throw builder.Error(lines[i].Number, $"VRAM_MEM like \"1.9 GB\", got \"{value}\""),
                    };
                    break;
            }
        }

        Flush();
        return i - 1;
    }

    [GeneratedRegex(@"^\s*GPU\s+(XCP\s+)?POWER\s", RegexOptions.Multiline)]
    private static partial Regex MonitorHeader();

    [GeneratedRegex(@"^\s*GPU\s+NAME\s+PID\s")]
    private static partial Regex ProcessHeader();

    [GeneratedRegex(@"\S+")]
    private static partial Regex HeaderCell();

    [GeneratedRegex(@"^\s*\d+\s")]
    private static partial Regex FirstCellIsIndex();

    [GeneratedRegex(@"^([0-9.]+)\s*/\s*([0-9.]+)\s*([A-Za-z]+)$")]
    private static partial Regex VramUsage();
}
