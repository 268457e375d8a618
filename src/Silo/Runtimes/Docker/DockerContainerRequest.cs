using SglangCi.Interfaces.Nodes;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>What one container is for: a run's server or its commands, on some of a node's GPUs.</summary>
/// <param name="Name">Container name (see <see cref="DockerContainerNames"/>).</param>
/// <param name="Node">The node it runs on.</param>
/// <param name="Launch">Image, model and environment of the run.</param>
/// <param name="Gpus">The lease's GPUs, host indices; the container sees only these.</param>
/// <param name="Command">What the container runs.</param>
/// <param name="Role"><see cref="DockerLabels.ServerRole"/> or <see cref="DockerLabels.CommandRole"/>.</param>
/// <param name="Vendor">How the GPUs are given to the container.</param>
public sealed record DockerContainerRequest(
    string Name,
    NodeInventory Node,
    EngineLaunch Launch,
    IReadOnlyList<int> Gpus,
    IReadOnlyList<string> Command,
    string Role,
    GpuVendor Vendor);
