namespace SglangCi.Toolkit.Parsing.GpuSmi;

/// <summary>
/// Reads the output of rocm-smi, amd-smi or nvidia-smi (the tool is recognised from the text) into a
/// <see cref="GpuSmiReport"/>. One capture may hold several outputs of the same tool (e.g. a table and a process
/// list); GPU rows are merged by index. The layouts are described at the top of each tool's parser.
/// </summary>
public static class GpuSmiParser
{
    /// <summary>Parses a file.</summary>
    /// <exception cref="OutputParseException">The file is not a recognised GPU tool output, or a row is malformed.</exception>
    public static GpuSmiReport ParseFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses captured text; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="OutputParseException">The text is not a recognised GPU tool output, or a row is malformed.</exception>
    public static GpuSmiReport Parse(string text, string file = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var tool = Detect(text) ?? throw new OutputParseException(file, null,
            "the output of rocm-smi (table, --showuse, --showmemuse, --showpids, -a, --json, --csv), amd-smi (monitor, process) " +
            "or nvidia-smi (table, --query-gpu/--query-compute-apps --format=csv)");
        var lines = TextLine.Split(text.Replace("\r\n", "\n", StringComparison.Ordinal));
        var builder = new GpuSmiBuilder(file);
        switch (tool)
        {
            case GpuSmiReport.NvidiaSmi:
                NvidiaSmiParser.Parse(lines, builder);
                break;
            case GpuSmiReport.AmdSmi:
                AmdSmiParser.Parse(lines, builder);
                break;
            default:
                RocmSmiParser.Parse(text, lines, builder);
                break;
        }

        if (!builder.Recognized)
        {
            throw new OutputParseException(file, null, $"a GPU table, GPU value lines or a process list in this {tool} output");
        }

        return builder.Build(tool);
    }

    /// <summary>Which tool printed <paramref name="text"/>: "rocm-smi", "amd-smi", "nvidia-smi", or null.</summary>
    public static string? Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Most specific first: nvidia-smi's title and CSV headers, then amd-smi's monitor header and PROCESS_INFO blocks;
        // rocm-smi's looser "GPU[N] :" and banner checks last.
        if (NvidiaSmiParser.LooksLike(text))
        {
            return GpuSmiReport.NvidiaSmi;
        }

        if (AmdSmiParser.LooksLike(text))
        {
            return GpuSmiReport.AmdSmi;
        }

        return RocmSmiParser.LooksLike(text) ? GpuSmiReport.RocmSmi : null;
    }
}
