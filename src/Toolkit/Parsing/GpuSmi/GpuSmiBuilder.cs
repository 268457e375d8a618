namespace SglangCi.Toolkit.Parsing.GpuSmi;

/// <summary>Collects GPU rows (merged by index: one output may show the same GPU in several sections) and processes.</summary>
internal sealed class GpuSmiBuilder(string file)
{
    private readonly SortedDictionary<int, GpuSmiGpu> _gpus = [];
    private readonly List<GpuSmiProcess> _processes = [];

    public string File { get; } = file;

    public bool IsEmpty => _gpus.Count == 0 && _processes.Count == 0;

    /// <summary>Set when a section proved the output is of this kind even if it lists nothing (e.g. "No running processes").</summary>
    public bool Recognized { get; set; }

    public void Gpu(GpuSmiGpu gpu) =>
        _gpus[gpu.Index] = _gpus.TryGetValue(gpu.Index, out var seen) ? seen.Merge(gpu) : gpu;

    public void Process(GpuSmiProcess process) => _processes.Add(process);

    public OutputParseException Error(int? line, string expected) => new(File, line, expected);

    public GpuSmiReport Build(string tool) =>
        new(tool, _gpus.Values.Select(g => g.WithDerivedPercent()).ToList(), _processes.ToList());
}
