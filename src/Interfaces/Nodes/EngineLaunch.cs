namespace SglangCi.Interfaces.Nodes;

/// <summary>Everything needed to start one engine server: image, command line and environment.</summary>
[GenerateSerializer, Immutable]
public sealed record EngineLaunch(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Image,
    [property: Id(2)] string ModelPath,
    [property: Id(3)] IReadOnlyList<string> ServerArgs,
    [property: Id(4)] IReadOnlyDictionary<string, string> Environment,
    [property: Id(5)] TimeSpan StartupTimeout)
{
    /// <summary>
    /// The GPUs of the lease this server runs on, when it should not take them all (PD: prefill on the first half,
    /// decode on the second); empty for a server that needs no GPU (the PD router). Null: every GPU of the lease.
    /// The node refuses a subset with a GPU outside the lease.
    /// </summary>
    [Id(6)]
    public IReadOnlyList<int>? GpuSubset { get; init; }

    /// <summary>
    /// The program the <see cref="ServerArgs"/> follow when it is not SGLang's server (the PD router:
    /// <c>python3 -m sglang_router.launch_router</c>); such a program gets no <c>--model-path</c>. Null: the runtime's
    /// server command.
    /// </summary>
    [Id(7)]
    public IReadOnlyList<string>? Program { get; init; }

    /// <summary>
    /// A command run with this launch (<c>StartExec</c>) that exits 0 leaves its container's file system as a local image
    /// with these tags (a PR image); the command's output then ends with the runtime's line naming the image. Null: the
    /// container is removed as usual. A runtime that cannot keep images (bare metal) refuses such a command.
    /// </summary>
    [Id(8)]
    public IReadOnlyList<string>? CommitAs { get; init; }

    /// <summary>
    /// The command works in the image's SGLang checkout, whose path the environment names (a PR image). Set only by the
    /// kind that builds such commands, never from a run's options: a simulated node runs such a command for real, on its
    /// host, so a user's environment entry alone must not be able to ask for that.
    /// </summary>
    [Id(9)]
    public bool WorksInImageCheckout { get; init; }

    /// <summary>The GPUs this launch runs on within <paramref name="lease"/>; throws <see cref="ArgumentException"/> for a
    /// subset that names a GPU the lease does not hold, or one GPU twice.</summary>
    public IReadOnlyList<int> GpusWithin(GpuLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (GpuSubset is null)
        {
            return lease.Gpus;
        }

        var outside = GpuSubset.Where(g => !lease.Gpus.Contains(g)).ToArray();
        if (outside.Length > 0)
        {
            throw new ArgumentException(
                $"run '{RunId}': GPU subset [{string.Join(',', GpuSubset)}] names GPU(s) [{string.Join(',', outside)}] outside its lease [{string.Join(',', lease.Gpus)}]");
        }

        if (GpuSubset.Distinct().Count() != GpuSubset.Count)
        {
            throw new ArgumentException($"run '{RunId}': GPU subset [{string.Join(',', GpuSubset)}] names a GPU twice");
        }

        return GpuSubset;
    }
}
