using System.Text.Json;
using System.Text.RegularExpressions;
using static SglangCi.Toolkit.Parsing.GpuSmi.GpuSmiValues;

namespace SglangCi.Toolkit.Parsing.GpuSmi;

// What rocm-smi prints, as learned from public captures (addresses in tests/.../GpuSmi/Fixtures/README.md):
//
// * Banner lines of '=' around "ROCm System Management Interface" and "End of ROCm SMI Log" frame every text output;
//   newer versions add section titles inside '=' rules ("Concise Info", "KFD Processes", "Temperature", ...).
// * Concise table (plain `rocm-smi`), three generations:
//   - 2018-2020 (ROCm 1.x-3.x): header `GPU  Temp  AvgPwr  SCLK  MCLK  [PCLK]  Fan  Perf  [PwrCap] [SCLK OD MCLK OD]
//     [VRAM%] GPU%`; values like `35c`, `73.68W`, `1411Mhz`, `0.0%`, and N/A where a sensor is missing. The PCLK column
//     holds a value with a space ("5.0GB, x16"), and single spaces sometimes separate values, so columns cannot be
//     matched by position from the left.
//   - ROCm 5.x/6.0 "Concise Info": `GPU  Temp (DieEdge)  AvgPwr  SCLK  MCLK  Fan  Perf  PwrCap  VRAM%  GPU%` (a header
//     cell with a space), rows `0  50.0c  42.0W  800Mhz  1600Mhz  0%  auto  300.0W  0%  0%`.
//   - ROCm 6.1+: a two-line header `Device  Node  IDs  Temp  Power  Partitions  SCLK  MCLK  Fan  Perf  PwrCap  VRAM%
//     GPU%` over `(DID, GUID)  (Junction)  (Socket)  (Mem, Compute, ID)`, rows `0  2  0x74a1,  55354  35.0°C  132.0W
//     NPS1, SPX, 0  132Mhz  900Mhz  0%  auto  750.0W  0%  0%`; partitioned MI300 GPUs add rows whose GPU% is N/A.
//   In every generation VRAM% and GPU% are the last two columns (GPU% alone when VRAM% is absent) and hold one token,
//   so they are matched from the right; the index is the first token. VRAM% is allocated VRAM.
// * `GPU[N]<tabs>: key: value` lines: `-a`, `--showuse` ("GPU use (%)"), `--showmemuse` ("GPU memory use (%)" up to
//   ROCm 5.x; "GPU Memory Allocated (VRAM%)" plus "GPU Memory Read/Write Activity (%)" later; the activity is bus
//   load, not allocation, and is ignored), `--showmeminfo vram` ("VRAM Total Memory (B)", "VRAM Total Used Memory
//   (B)"). Failures print "ERROR: GPU[N] : ..." or "GPU[N] : Unable to get ..." lines and are skipped.
// * `--showpids`: "KFD process information:" then `PID  PROCESS NAME  GPU(s)  VRAM USED  SDMA USED  CU OCCUPANCY`
//   (tab- or space-separated), VRAM in bytes, "UNKNOWN" when not supported. GPU(s) is the NUMBER of GPUs the process
//   uses, not an index (ROCm/rocm_smi_lib#166), so such processes have gpu null; `--showpids=details` titles the column
//   GPU and means an index (ROCm 6.4.2 printed a count there, ROCm/rocm-systems#4405). "No KFD PIDs currently running"
//   when empty.
// * `--json`: an object keyed "card0", "card1", ... (numbered like the GPU index in current versions) whose values
//   are strings under the same labels as the text lines (older versions: "GPU memory use (%)"), plus "system" with
//   "PID<pid>": "name, gpus, vram bytes, sdma, cu" entries for --showpids.
// * `--csv`: a header `device,<label>,<label>...` and rows `card0,<value>,...` with the same labels.
internal static partial class RocmSmiParser
{
    public static bool LooksLike(string text) =>
        text.Contains("ROCm System Management Interface", StringComparison.Ordinal) ||
        text.Contains("KFD process information", StringComparison.Ordinal) ||
        text.Contains("End of ROCm SMI Log", StringComparison.Ordinal) ||
        GpuKeyValue().IsMatch(text) ||
        ConciseHeader().IsMatch(text) ||
        CsvHeader().IsMatch(text) ||
        JsonCardKey().IsMatch(text);

    public static void Parse(string text, IReadOnlyList<TextLine> lines, GpuSmiBuilder builder)
    {
        if (text.TrimStart().StartsWith('{'))
        {
            ParseJson(text, builder);
            return;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Text.TrimEnd();
            if (IsConciseHeader(line))
            {
                i = ParseConcise(lines, i, builder);
            }
            else if (line.StartsWith("KFD process information", StringComparison.Ordinal))
            {
                i = ParsePids(lines, i, builder);
            }
            else if (CsvHeader().IsMatch(line))
            {
                i = ParseCsv(lines, i, builder);
            }
            else if (GpuKeyValue().Match(line) is { Success: true } kv && !line.StartsWith("ERROR", StringComparison.Ordinal))
            {
                var index = int.Parse(kv.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                ApplyLabel(builder, index, kv.Groups[2].Value.Trim(), kv.Groups[3].Value.Trim(), lines[i].Number);
            }
        }
    }

    /// <summary>Maps one labelled value (text line, JSON or CSV) onto GPU <paramref name="index"/>.</summary>
    private static void ApplyLabel(GpuSmiBuilder builder, int index, string label, string value, int? line)
    {
        builder.Recognized = true;
        switch (label)
        {
            case "GPU use (%)":
                builder.Gpu(new GpuSmiGpu(index, Percent(builder, value, line, label), null, null, null));
                break;
            case "GPU Memory Allocated (VRAM%)":
            case "GPU memory use (%)":
                builder.Gpu(new GpuSmiGpu(index, null, Percent(builder, value, line, label), null, null));
                break;
            case "VRAM Total Memory (B)":
                builder.Gpu(new GpuSmiGpu(index, null, null, null, Bytes(builder, value, line, label)));
                break;
            case "VRAM Total Used Memory (B)":
                builder.Gpu(new GpuSmiGpu(index, null, null, Bytes(builder, value, line, label), null));
                break;
        }
    }

    private static double? Percent(GpuSmiBuilder builder, string value, int? line, string label) =>
        TryPercent(value, out var p) ? p : throw builder.Error(line, $"a percentage for \"{label}\", got \"{value}\"");

    private static double? Bytes(GpuSmiBuilder builder, string value, int? line, string label) =>
        TrySizeMiB(value, 1 / (1024.0 * 1024.0), out var mib) ? mib : throw builder.Error(line, $"a byte count for \"{label}\", got \"{value}\"");

    private static bool IsConciseHeader(string line)
    {
        var t = Tokens(line);
        return t.Length > 3 && (t[0] == "GPU" || t[0] == "Device") && t.Contains("GPU%") &&
               (t.Contains("SCLK") || t.Contains("Temp"));
    }

    private static int ParseConcise(IReadOnlyList<TextLine> lines, int headerIndex, GpuSmiBuilder builder)
    {
        builder.Recognized = true;
        var header = Tokens(lines[headerIndex].Text);
        var gpuFromEnd = header.Length - 1 - Array.LastIndexOf(header, "GPU%");
        var vramAt = Array.LastIndexOf(header, "VRAM%");
        int? vramFromEnd = vramAt < 0 ? null : header.Length - 1 - vramAt;
        var i = headerIndex + 1;
        for (; i < lines.Count; i++)
        {
            var text = lines[i].Text.Trim();
            if (text.StartsWith('(') || text.Length == 0 && i == headerIndex + 1)
            {
                continue; // the second header line of ROCm 6.1+
            }

            if (text.StartsWith('=') && i <= headerIndex + 2)
            {
                continue; // the rule under the header
            }

            var t = Tokens(text);
            if (t.Length == 0 || !TryInt(t[0], out var index))
            {
                return i - 1;
            }

            var needed = Math.Max(gpuFromEnd, vramFromEnd ?? 0) + 2;
            if (t.Length < needed)
            {
                throw builder.Error(lines[i].Number, $"a concise-table row with {header.Length} columns ending in GPU%");
            }

            var util = Percent(builder, t[^(gpuFromEnd + 1)], lines[i].Number, "GPU%");
            var vram = vramFromEnd is { } v ? Percent(builder, t[^(v + 1)], lines[i].Number, "VRAM%") : null;
            builder.Gpu(new GpuSmiGpu(index, util, vram, null, null));
        }

        return i;
    }

    private static int ParsePids(IReadOnlyList<TextLine> lines, int titleIndex, GpuSmiBuilder builder)
    {
        builder.Recognized = true;
        var i = titleIndex + 1;
        bool? gpuIsIndex = null;
        for (; i < lines.Count; i++)
        {
            var text = lines[i].Text.Trim();
            if (gpuIsIndex is null)
            {
                if (text.StartsWith("PID", StringComparison.Ordinal))
                {
                    gpuIsIndex = !text.Contains("GPU(s)", StringComparison.Ordinal);
                }

                continue; // "Not supported" warnings before the header
            }

            var t = Tokens(text);
            if (t.Length == 0 || !TryInt(t[0], out var pid))
            {
                return i - 1;
            }

            if (t.Length < 6)
            {
                throw builder.Error(lines[i].Number, "a KFD process row: PID, PROCESS NAME, GPU(s), VRAM USED, SDMA USED, CU OCCUPANCY");
            }

            var name = string.Join(' ', t[1..^4]);
            int? gpu = gpuIsIndex == true && TryInt(t[^4], out var g) ? g : null;
            var vram = Bytes(builder, t[^3], lines[i].Number, "VRAM USED");
            builder.Process(new GpuSmiProcess(gpu, pid, name, vram));
        }

        return i;
    }

    private static int ParseCsv(IReadOnlyList<TextLine> lines, int headerIndex, GpuSmiBuilder builder)
    {
        builder.Recognized = true;
        var header = lines[headerIndex].Text.Trim().Split(',');
        var i = headerIndex + 1;
        for (; i < lines.Count; i++)
        {
            var text = lines[i].Text.Trim();
            var m = CardName().Match(text);
            if (!m.Success)
            {
                return i - 1;
            }

            var cells = text.Split(',');
            if (cells.Length < header.Length)
            {
                throw builder.Error(lines[i].Number, $"{header.Length} comma-separated values as in the header");
            }

            var index = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            for (var c = 1; c < header.Length; c++)
            {
                ApplyLabel(builder, index, header[c].Trim(), cells[c].Trim(), lines[i].Number);
            }
        }

        return i;
    }

    private static void ParseJson(string text, GpuSmiBuilder builder)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new OutputParseException(builder.File, (int?)(ex.LineNumber + 1), "a rocm-smi --json object", ex);
        }

        using (doc)
        {
            foreach (var card in doc.RootElement.EnumerateObject())
            {
                var m = CardName().Match(card.Name);
                if (m.Success && card.Value.ValueKind == JsonValueKind.Object)
                {
                    var index = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    builder.Gpu(new GpuSmiGpu(index, null, null, null, null));
                    foreach (var field in card.Value.EnumerateObject())
                    {
                        ApplyLabel(builder, index, field.Name, JsonText(field.Value), line: null);
                    }
                }
                else if (card.Name == "system" && card.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in card.Value.EnumerateObject().Where(f => f.Name.StartsWith("PID", StringComparison.Ordinal)))
                    {
                        AddJsonProcess(builder, field);
                    }
                }
            }
        }

        builder.Recognized = true;
    }

    private static void AddJsonProcess(GpuSmiBuilder builder, JsonProperty field)
    {
        // "PID1234": "python3, 1, 177386942464, 0, 4" (name, GPU count, VRAM bytes, SDMA, CU occupancy)
        var parts = JsonText(field.Value).Split(',', StringSplitOptions.TrimEntries);
        if (!TryInt(field.Name[3..], out var pid) || parts.Length < 3)
        {
            throw builder.Error(null, $"\"PID<n>\": \"name, GPUs, VRAM bytes, ...\" in system, got \"{field.Name}\"");
        }

        builder.Process(new GpuSmiProcess(null, pid, parts[0], Bytes(builder, parts[2], null, field.Name)));
    }

    private static string JsonText(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText();

    [GeneratedRegex(@"^(?:ERROR:\s*)?GPU\[(\d+)\]\s*:\s*(.+?):\s*(.*)$", RegexOptions.Multiline)]
    private static partial Regex GpuKeyValue();

    [GeneratedRegex(@"^\s*(?:GPU|Device)\s+.*\bTemp\b.*GPU%", RegexOptions.Multiline)]
    private static partial Regex ConciseHeader();

    [GeneratedRegex(@"^device,", RegexOptions.Multiline)]
    private static partial Regex CsvHeader();

    [GeneratedRegex(@"^\s*""card\d+""\s*:", RegexOptions.Multiline)]
    private static partial Regex JsonCardKey();

    [GeneratedRegex(@"^card(\d+)")]
    private static partial Regex CardName();
}
