// Not "…Runtimes.Process": a namespace of that name would hide System.Diagnostics.Process in every SglangCi.Silo.Runtimes file.
namespace SglangCi.Silo.Runtimes.Processes;

/// <summary>
/// How a bare-metal node's process runtime starts engine servers and commands as local processes; bound from
/// <c>SglangCi:Process</c>. Readiness, ports, environment and the GPU probe are the keys every server runtime shares
/// (<see cref="EngineServerOptions"/>); a working directory left unset means the silo's.
/// </summary>
public sealed class ProcessRuntimeOptions : EngineServerOptions
{
    public const string SectionName = "SglangCi:Process";

    /// <summary>The Python that has SGLang (e.g. a venv's <c>bin/python3</c>); it runs the server and replaces a command's leading <c>python3</c> / <c>python</c>.</summary>
    public string Python { get; set; } = "python3";

    /// <summary>
    /// Where the runtime records the processes it starts (<c>NODE/PID.json</c>), so that the next start of the silo can
    /// stop what a crashed one left running; default <c>process-runtime</c> under the data directory (under the temp
    /// folder for a runtime built without one).
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>The configured <see cref="StateDirectory"/>, else <c>sglang-ci/process-runtime</c> under the temp folder.</summary>
    public string EffectiveStateDirectory => StateDirectory is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : Path.Combine(Path.GetTempPath(), "sglang-ci", "process-runtime");

    /// <summary>Whether the silo stops this host's leftover processes of ours (a crashed silo's) when it starts.</summary>
    public bool ReconcileOnStart { get; set; } = true;

    protected override IReadOnlyList<string> DefaultServerCommand => [Python, "-m", "sglang.launch_server"];
}
