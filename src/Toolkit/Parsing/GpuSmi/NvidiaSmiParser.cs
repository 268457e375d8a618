using System.Text.RegularExpressions;
using static SglangCi.Toolkit.Parsing.GpuSmi.GpuSmiValues;

namespace SglangCi.Toolkit.Parsing.GpuSmi;

// What nvidia-smi prints, as learned from public captures and its manual page (addresses in
// tests/.../GpuSmi/Fixtures/README.md):
//
// * Default table: a "NVIDIA-SMI <version>  Driver Version: ...  CUDA Version: ..." title, then per GPU a block of
//   '|'-separated cells between '+---+' rules. First line: `|   0  NVIDIA H100 80GB HBM3   On  | 00000000:18:00.0 Off |
//   0 |` (index first); second line: `| N/A   29C  P0   70W /  700W |   1MiB /  81559MiB |   0%   Default |`, memory
//   "used MiB / total MiB" in the second cell, GPU-Util in the third; drivers from 530 on add a third line per GPU
//   (MIG mode). With MIG enabled GPU-Util reads N/A and a "MIG devices:" table (GPU GI CI MIG, memory per instance)
//   follows; its rows are instances, not GPUs, and are not read as GPUs.
// * Processes table: `|  GPU   GI   CI   PID   Type   Process name   GPU Memory |` over `|        ID   ID
//   Usage      |`, rows `|    0   N/A  N/A   1234   C   python   1234MiB |` (drivers before 450 have no GI/CI
//   columns); "No running processes found" when empty; the memory reads N/A on some platforms (WSL, MIG).
// * `--query-gpu=index,utilization.gpu,memory.used,memory.total --format=csv`: header `index, utilization.gpu [%],
//   memory.used [MiB], memory.total [MiB]`, rows `0, 35 %, 1234 MiB, 81559 MiB` (", " separated). `noheader` drops
//   the header (columns are then assumed to be in the order above), `nounits` drops the units ("0, 35, 1234, 81559").
//   With MIG enabled utilization.gpu is "[N/A]"; unsupported fields read "[Not Supported]".
// * `--query-compute-apps=pid,process_name,used_memory --format=csv`: header `pid, process_name, used_gpu_memory
//   [MiB]` (the field may be asked for as used_memory), rows `1234, python, 1234 MiB`; "[N/A]" memory under MIG. The
//   rows carry no GPU index (only gpu_uuid / gpu_bus_id if asked for), so such processes have gpu null.
internal static partial class NvidiaSmiParser
{
    public static bool LooksLike(string text) =>
        text.Contains("NVIDIA-SMI", StringComparison.Ordinal) || QueryGpuHeader().IsMatch(text) ||
        ComputeAppsHeader().IsMatch(text) || HeaderlessQueryRow().IsMatch(text);

    public static void Parse(IReadOnlyList<TextLine> lines, GpuSmiBuilder builder)
    {
        var section = Section.None;
        var processHasInstanceIds = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Text.TrimEnd();
            if (line.Contains("NVIDIA-SMI", StringComparison.Ordinal))
            {
                builder.Recognized = true;
                section = Section.Gpus;
            }
            else if (line.Contains("MIG devices:", StringComparison.Ordinal))
            {
                section = Section.Mig;
            }
            else if (line.Contains("Processes:", StringComparison.Ordinal))
            {
                section = Section.Processes;
            }
            else if (QueryGpuHeader().IsMatch(line))
            {
                i = ParseQueryGpu(lines, i, builder, Header(line));
            }
            else if (ComputeAppsHeader().IsMatch(line))
            {
                i = ParseComputeApps(lines, i, builder, Header(line));
            }
            else if (section == Section.None && HeaderlessQueryRow().IsMatch(line))
            {
                i = ParseQueryGpu(lines, i - 1, builder, ["index", "utilization.gpu", "memory.used", "memory.total"]);
            }
            else if (section == Section.Gpus && TableGpuFirstLine().Match(line) is { Success: true } first && i + 1 < lines.Count)
            {
                var second = lines[i + 1].Text;
                var memory = TableMemory().Match(second);
                if (!memory.Success)
                {
                    continue; // a wrapped name or a header line, not a GPU block
                }

                var cells = second.Split('|');
                var util = cells.Length > 3 ? cells[3].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() : null;
                if (!TryPercent(util, out var pct))
                {
                    throw builder.Error(lines[i + 1].Number, $"GPU-Util like \"35%\" or N/A in the third cell, got \"{util}\"");
                }

                builder.Gpu(new GpuSmiGpu(
                    int.Parse(first.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), pct, null,
                    double.Parse(memory.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                    double.Parse(memory.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
                i++;
            }
            else if (section == Section.Processes)
            {
                if (line.Contains("GI", StringComparison.Ordinal) && line.Contains("PID", StringComparison.Ordinal))
                {
                    processHasInstanceIds = true;
                }

                ParseProcessRow(line, lines[i].Number, processHasInstanceIds, builder);
            }
        }
    }

    private static void ParseProcessRow(string line, int number, bool hasInstanceIds, GpuSmiBuilder builder)
    {
        var t = Tokens(line.Trim().Trim('|'));
        if (t.Length == 0 || !TryInt(t[0], out var gpu))
        {
            return; // headers, rules, "No running processes found"
        }

        var pidAt = hasInstanceIds ? 3 : 1;
        if (t.Length < pidAt + 3 || !TryInt(t[pidAt], out var pid))
        {
            throw builder.Error(number, hasInstanceIds
                ? "a process row: GPU, GI ID, CI ID, PID, Type, Process name, GPU Memory Usage"
                : "a process row: GPU, PID, Type, Process name, GPU Memory Usage");
        }

        var name = string.Join(' ', t[(pidAt + 2)..^1]);
        if (!TrySizeMiB(t[^1], 1, out var mib))
        {
            throw builder.Error(number, $"GPU memory usage like \"1234MiB\" or N/A, got \"{t[^1]}\"");
        }

        builder.Process(new GpuSmiProcess(gpu, pid, name.Length == 0 ? null : name, mib));
    }

    private static string[] Header(string line) =>
        line.Split(',').Select(h => HeaderUnit().Replace(h, "").Trim()).ToArray();

    private static int ParseQueryGpu(IReadOnlyList<TextLine> lines, int headerIndex, GpuSmiBuilder builder, string[] header)
    {
        builder.Recognized = true;
        var index = Array.IndexOf(header, "index");
        var util = Array.IndexOf(header, "utilization.gpu");
        var used = Array.IndexOf(header, "memory.used");
        var total = Array.IndexOf(header, "memory.total");
        return CsvBlock(lines, headerIndex, header.Length, (line, row, cells) =>
        {
            var gpuIndex = index >= 0 ? cells[index] : row.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!TryInt(gpuIndex, out var gi))
            {
                throw builder.Error(line.Number, $"a GPU index in the \"index\" column, got \"{gpuIndex}\"");
            }

            double? pct = null, usedMiB = null, totalMiB = null;
            if (util >= 0 && !TryPercent(cells[util], out pct))
            {
                throw builder.Error(line.Number, $"utilization.gpu like \"35 %\" or [N/A], got \"{cells[util]}\"");
            }

            if (used >= 0 && !TrySizeMiB(cells[used], 1, out usedMiB))
            {
                throw builder.Error(line.Number, $"memory.used like \"1234 MiB\", got \"{cells[used]}\"");
            }

            if (total >= 0 && !TrySizeMiB(cells[total], 1, out totalMiB))
            {
                throw builder.Error(line.Number, $"memory.total like \"81559 MiB\", got \"{cells[total]}\"");
            }

            builder.Gpu(new GpuSmiGpu(gi, pct, null, usedMiB, totalMiB));
        });
    }

    private static int ParseComputeApps(IReadOnlyList<TextLine> lines, int headerIndex, GpuSmiBuilder builder, string[] header)
    {
        builder.Recognized = true;
        var pid = Array.IndexOf(header, "pid");
        var name = Array.IndexOf(header, "process_name") is var n and >= 0 ? n : Array.IndexOf(header, "name");
        var memory = Array.IndexOf(header, "used_gpu_memory") is var m and >= 0 ? m : Array.IndexOf(header, "used_memory");
        return CsvBlock(lines, headerIndex, header.Length, (line, _, cells) =>
        {
            if (!TryInt(cells[pid], out var p))
            {
                throw builder.Error(line.Number, $"a process id in the \"pid\" column, got \"{cells[pid]}\"");
            }

            double? mib = null;
            if (memory >= 0 && !TrySizeMiB(cells[memory], 1, out mib))
            {
                throw builder.Error(line.Number, $"used memory like \"1234 MiB\" or [N/A], got \"{cells[memory]}\"");
            }

            builder.Process(new GpuSmiProcess(null, p, name >= 0 ? cells[name] : null, mib));
        });
    }

    /// <summary>
    /// Hands each row of the CSV block after <paramref name="headerIndex"/> (its line, 0-based row number and trimmed
    /// cells) to <paramref name="row"/>, and returns the index of the block's last line: a blank line ends the block
    /// there, a row with another column count means another CSV block (e.g. compute apps) follows.
    /// </summary>
    private static int CsvBlock(IReadOnlyList<TextLine> lines, int headerIndex, int columns, Action<TextLine, int, string[]> row)
    {
        var i = headerIndex + 1;
        for (; i < lines.Count; i++)
        {
            var text = lines[i].Text.Trim();
            if (text.Length == 0)
            {
                return i;
            }

            var cells = text.Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != columns)
            {
                return i - 1;
            }

            row(lines[i], i - headerIndex - 1, cells);
        }

        return i;
    }

    private enum Section
    {
        None,
        Gpus,
        Mig,
        Processes,
    }

    [GeneratedRegex(@"^index,|^[a-z_.]+(?: \[[^\]]+\])?, .*\butilization\.gpu\b|^.*\bmemory\.(used|total)\b.*,", RegexOptions.Multiline)]
    private static partial Regex QueryGpuHeader();

    [GeneratedRegex(@"^pid, ", RegexOptions.Multiline)]
    private static partial Regex ComputeAppsHeader();

    [GeneratedRegex(@"^\d+, (?:\[N/A\]|\[Not Supported\]|\d+(?: %)?), \d+(?: MiB)?, \d+(?: MiB)?\s*$", RegexOptions.Multiline)]
    private static partial Regex HeaderlessQueryRow();

    [GeneratedRegex(@"^\|\s+(\d+)\s+\S")]
    private static partial Regex TableGpuFirstLine();

    [GeneratedRegex(@"(\d+)MiB\s*/\s*(\d+)MiB")]
    private static partial Regex TableMemory();

    [GeneratedRegex(@"\s*\[[^\]]*\]")]
    private static partial Regex HeaderUnit();
}
