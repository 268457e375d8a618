using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Silo.Runtimes;

/// <summary>
/// What every runtime that starts a real SGLang server shares (Docker containers, local processes): the server's
/// command, where it listens, how readiness is decided, how long start and stop may take, the node's environment and
/// GPU probe. Each runtime's options section (<c>SglangCi:Docker</c>, <c>SglangCi:Process</c>) binds these same keys.
/// </summary>
public abstract class EngineServerOptions
{
    /// <summary>Which GPUs the servers get; null means from the node's hardware (<c>mi*</c> AMD, <c>h*</c>/<c>b*</c>/<c>a100</c> NVIDIA, else none).</summary>
    public GpuVendor? GpuVendor { get; set; }

    /// <summary>The server's program; the runtime appends <c>--model-path</c>, <c>--host</c>, <c>--port</c> (unless the preset gives them) and the preset's flags.</summary>
    public List<string> ServerCommand { get; set; } = [];

    /// <summary>The configured <see cref="ServerCommand"/>, else the runtime's default.</summary>
    public IReadOnlyList<string> EffectiveServerCommand => ServerCommand.Count > 0 ? ServerCommand : DefaultServerCommand;

    /// <summary>The server's program when none is configured.</summary>
    protected virtual IReadOnlyList<string> DefaultServerCommand => ["python3", "-m", "sglang.launch_server"];

    /// <summary>Address the server binds to (an address of the node).</summary>
    public string ServerHost { get; set; } = "127.0.0.1";

    /// <summary>Address clients use to reach the server; default <see cref="ServerHost"/>, or 127.0.0.1 when that is 0.0.0.0.</summary>
    public string? ClientHost { get; set; }

    public string EffectiveClientHost => ClientHost ?? (ServerHost is "0.0.0.0" or "::" ? "127.0.0.1" : ServerHost);

    /// <summary>First port tried for a server whose preset names none (SGLang's default 30000); the next free one is taken.</summary>
    public int FirstServerPort { get; set; } = 30000;

    /// <summary>How many ports from <see cref="FirstServerPort"/> on are tried.</summary>
    public int ServerPortCount { get; set; } = 100;

    /// <summary>Path that answers 200 once the server can generate (<c>/health</c> is the cheaper alternative).</summary>
    public string ReadinessPath { get; set; } = "/health_generate";

    /// <summary>SGLang's log line once it serves; seeing it also means ready.</summary>
    public string ReadyLogLine { get; set; } = "The server is fired up and ready to roll!";

    public TimeSpan ReadinessPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Start-up timeout when the launch gives none.</summary>
    public TimeSpan DefaultStartupTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Grace the server gets on stop before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Environment of every server of this node; a preset's entries win, the GPU visibility variables are always the lease's.</summary>
    public Dictionary<string, string> Environment { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Working directory of the server (a container's: the image's when unset).</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Log lines quoted in an error about a server that would not start.</summary>
    public int LogTailLines { get; set; } = 30;

    /// <summary>How the node's GPUs are looked at (rocm-smi, nvidia-smi), parsed like <c>sglang-ci parse gpu-smi</c>.</summary>
    public DockerGpuProbeOptions GpuProbe { get; set; } = new();
}
