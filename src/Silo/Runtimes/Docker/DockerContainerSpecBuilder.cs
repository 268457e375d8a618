using System.Globalization;
using Docker.DotNet.Models;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// Turns a <see cref="DockerContainerRequest"/> into Docker's create parameters, the way the old CI created its
/// containers (host IPC and network, shared memory, model mounts) with the lease's GPUs only:
/// <list type="bullet">
/// <item>AMD: <c>/dev/kfd</c> and <c>/dev/dri</c>, group <c>video</c>, <c>SYS_PTRACE</c>, seccomp unconfined,
/// <c>HIP_VISIBLE_DEVICES</c> = the lease's GPUs (host indices: all render nodes are mapped), <c>HSA_ENABLE_COREDUMP=0</c>
/// unless configured;</item>
/// <item>NVIDIA: a device request for exactly the lease's GPUs; the container sees them renumbered from 0, so
/// <c>CUDA_VISIBLE_DEVICES</c> = 0…n-1;</item>
/// <item>every container: labels <see cref="DockerLabels.Managed"/>, <see cref="DockerLabels.Node"/>,
/// <see cref="DockerLabels.RunId"/>, <see cref="DockerLabels.Role"/>.</item>
/// </list>
/// Environment: the node's entries, then the launch's (they win), then the GPU visibility variables (always the lease's).
/// Pure: no Docker call, no file system.
/// </summary>
public static class DockerContainerSpecBuilder
{
    public const string HipVisibleDevices = "HIP_VISIBLE_DEVICES";
    public const string CudaVisibleDevices = "CUDA_VISIBLE_DEVICES";

    public static CreateContainerParameters Build(DockerRuntimeOptions options, DockerContainerRequest request)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);

        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in options.Environment)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in request.Launch.Environment)
        {
            environment[key] = value;
        }

        var host = new HostConfig
        {
            NetworkMode = "host",
            IpcMode = "host",
            ShmSize = options.ShmSizeBytes,
            Binds = options.Mounts.Count > 0 ? [.. options.Mounts] : null,
            Privileged = options.Privileged,
        };

        // A container that needs no GPU (the PD router) gets no GPU devices at all rather than an empty device list.
        switch (request.Gpus.Count == 0 ? GpuVendor.None : request.Vendor)
        {
            case GpuVendor.Amd:
                host.Devices =
                [
                    new DeviceMapping { PathOnHost = "/dev/kfd", PathInContainer = "/dev/kfd", CgroupPermissions = "rwm" },
                    new DeviceMapping { PathOnHost = "/dev/dri", PathInContainer = "/dev/dri", CgroupPermissions = "rwm" },
                ];
                host.GroupAdd = ["video"];
                host.CapAdd = ["SYS_PTRACE"];
                host.SecurityOpt = ["seccomp=unconfined"];
                environment.TryAdd("HSA_ENABLE_COREDUMP", "0");
                environment[HipVisibleDevices] = Join(request.Gpus);
                environment.Remove(CudaVisibleDevices);
                break;
            case GpuVendor.Nvidia:
                host.DeviceRequests =
                [
                    new DeviceRequest
                    {
                        Driver = "nvidia",
                        DeviceIDs = [.. request.Gpus.Select(g => g.ToString(CultureInfo.InvariantCulture))],
                        Capabilities = [["gpu"]],
                    },
                ];
                environment[CudaVisibleDevices] = Join(Enumerable.Range(0, request.Gpus.Count));
                environment.Remove(HipVisibleDevices);
                break;
            default:
                break;
        }

        return new CreateContainerParameters
        {
            Name = request.Name,
            Image = request.Launch.Image,
            Cmd = [.. request.Command],
            Env = [.. environment.Select(e => $"{e.Key}={e.Value}")],
            WorkingDir = options.WorkingDirectory,
            Labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [DockerLabels.Managed] = "true",
                [DockerLabels.Node] = request.Node.Name,
                [DockerLabels.RunId] = request.Launch.RunId,
                [DockerLabels.Role] = request.Role,
            },
            Tty = false,
            AttachStdout = false,
            AttachStderr = false,
            HostConfig = host,
        };
    }

    private static string Join(IEnumerable<int> gpus) => string.Join(',', gpus.Select(g => g.ToString(CultureInfo.InvariantCulture)));
}
