namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// How a node's Docker runtime talks to its engine and shapes its containers; bound from <c>SglangCi:Docker</c>.
/// Lists are empty by default and the effective defaults are applied by the <c>Effective…</c> members, so a
/// configured list replaces a default instead of being appended to it.
/// </summary>
public sealed class DockerRuntimeOptions : EngineServerOptions
{
    public const string SectionName = "SglangCi:Docker";

    /// <summary>The variable the Docker CLI reads; used when <see cref="Endpoint"/> is not configured.</summary>
    public const string DockerHostVariable = "DOCKER_HOST";

    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    /// <summary>Docker engine endpoint (<c>unix:///…</c>, <c>tcp://host:port</c>); default <c>DOCKER_HOST</c>, else the local socket.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Timeout of one plain Docker API call (inspect, create, start, remove; not pulls or log streams).</summary>
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Credentials for pulls; never logged.</summary>
    public DockerRegistryOptions Registry { get; set; } = new();

    /// <summary>Retries of a pull that failed transiently (the old CI: 3 attempts, 30 s then 60 s apart).</summary>
    public int PullRetries { get; set; } = 2;

    /// <summary>Wait before the first retry of a pull; the n-th retry waits n times this.</summary>
    public TimeSpan PullRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest one pull attempt may take (nightly SGLang images are tens of GB).</summary>
    public TimeSpan PullTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Shared memory of a container (the old CI: 32g).</summary>
    public long ShmSizeBytes { get; set; } = 32L * 1024 * 1024 * 1024;

    /// <summary>Bind mounts, <c>host:container[:ro]</c> (models, caches; the old CI: /mnt/raid, /data).</summary>
    public List<string> Mounts { get; set; } = [];

    /// <summary>Run containers privileged (the old CI did; devices, group and capabilities are enough for ROCm).</summary>
    public bool Privileged { get; set; }

    /// <summary>What a container for commands (<c>bench_one_batch</c>) runs while the commands are executed in it.</summary>
    public List<string> IdleCommand { get; set; } = [];

    public IReadOnlyList<string> EffectiveIdleCommand => IdleCommand.Count > 0 ? IdleCommand : ["tail", "-f", "/dev/null"];

    /// <summary>Remove this node's leftover containers when the silo starts.</summary>
    public bool ReconcileOnStart { get; set; } = true;

    /// <summary><see cref="Endpoint"/> if configured, else <c>DOCKER_HOST</c>, else the local socket.</summary>
    public Uri ResolveEndpoint(Func<string, string?>? environment = null)
    {
        var fromEnvironment = (environment ?? System.Environment.GetEnvironmentVariable)(DockerHostVariable);
        var text = !string.IsNullOrWhiteSpace(Endpoint) ? Endpoint
            : !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment
            : DefaultEndpoint;
        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"Docker endpoint '{text}' (SglangCi:Docker:Endpoint or DOCKER_HOST) is not a URI like unix:///var/run/docker.sock");
    }
}

/// <summary>Registry credentials for pulls. <see cref="ToString"/> never shows the secrets.</summary>
public sealed class DockerRegistryOptions
{
    /// <summary>Registry the credentials are for (e.g. <c>https://index.docker.io/v1/</c>).</summary>
    public string? ServerAddress { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>An identity token instead of a password.</summary>
    public string? IdentityToken { get; set; }

    public bool HasCredentials => !string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(IdentityToken);

    public override string ToString() => HasCredentials ? $"registry {ServerAddress ?? "(default)"} as {Username ?? "(token)"}" : "no registry credentials";
}

/// <summary>The GPU probe of a Docker node: commands run on the host (rocm-smi, amd-smi, nvidia-smi) and parsed by the Toolkit.</summary>
public sealed class DockerGpuProbeOptions
{
    /// <summary>Command lines run in order, their outputs parsed together; empty means the vendor's default; <c>none</c> means no probe (all GPUs idle).</summary>
    public List<string> Commands { get; set; } = [];

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The commands for <paramref name="vendor"/>: the configured ones, else rocm-smi / nvidia-smi; none for no GPUs.</summary>
    public IReadOnlyList<string> EffectiveCommands(GpuVendor vendor)
    {
        if (Commands.Count > 0)
        {
            return Commands.Count == 1 && Commands[0].Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? [] : Commands;
        }

        return vendor switch
        {
            GpuVendor.Amd => ["rocm-smi --showuse --showmemuse --showpids"],
            GpuVendor.Nvidia =>
            [
                "nvidia-smi --query-gpu=index,utilization.gpu,memory.used,memory.total --format=csv",
                "nvidia-smi --query-compute-apps=pid,process_name,used_memory --format=csv",
            ],
            _ => [],
        };
    }
}
