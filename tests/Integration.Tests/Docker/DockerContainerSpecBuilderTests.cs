using SglangCi.Interfaces.Nodes;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>The containers' shape, without Docker: what the old CI gave its AMD containers, NVIDIA device requests, the lease's GPUs only, our labels.</summary>
public sealed class DockerContainerSpecBuilderTests
{
    private static readonly NodeInventory Mi35x = new("mi35x-m12-33", "mi35x", "m12-33", 8, EngineRuntimeKind.Docker);
    private static readonly NodeInventory H100 = new("h100-a", "h100", "a", 8, EngineRuntimeKind.Docker);

    private static readonly EngineLaunch Launch = new(
        "run-42",
        "rocm/sgl-dev:v0.5.6.post2-rocm700-mi35x-20251216",
        "/mnt/raid/models/DeepSeek-V3-0324",
        ["--tp", "4"],
        new Dictionary<string, string> { ["SGLANG_USE_AITER"] = "1", ["HIP_VISIBLE_DEVICES"] = "0,1,2,3,4,5,6,7", ["NODE_WIDE"] = "from-launch" },
        TimeSpan.FromMinutes(20));

    private static DockerRuntimeOptions Options() => new()
    {
        Mounts = ["/mnt/raid/models:/mnt/raid/models:ro", "/data:/data"],
        Environment = new Dictionary<string, string> { ["NODE_WIDE"] = "from-node", ["TZ"] = "America/Los_Angeles" },
        ShmSizeBytes = 32L << 30,
    };

    [Fact]
    public void Amd_container_gets_the_rocm_devices_group_capabilities_and_only_the_leased_gpus()
    {
        var spec = DockerContainerSpecBuilder.Build(Options(), Request(Mi35x, [4, 5, 6, 7], GpuVendor.Amd));
        var host = spec.HostConfig;

        Assert.Equal(["/dev/kfd", "/dev/dri"], host.Devices.Select(d => d.PathOnHost));
        Assert.All(host.Devices, d => Assert.Equal(d.PathOnHost, d.PathInContainer));
        Assert.Equal(["video"], host.GroupAdd);
        Assert.Equal(["SYS_PTRACE"], host.CapAdd);
        Assert.Equal(["seccomp=unconfined"], host.SecurityOpt);
        Assert.Equal("host", host.IpcMode);
        Assert.Equal("host", host.NetworkMode);
        Assert.Equal(32L << 30, host.ShmSize);
        Assert.Equal(["/mnt/raid/models:/mnt/raid/models:ro", "/data:/data"], host.Binds);
        Assert.Null(host.DeviceRequests);
        Assert.False(host.Privileged);

        var env = Environment(spec.Env);
        Assert.Equal("4,5,6,7", env["HIP_VISIBLE_DEVICES"]);   // the lease wins over the preset's 0..7
        Assert.False(env.ContainsKey("CUDA_VISIBLE_DEVICES"));
        Assert.Equal("1", env["SGLANG_USE_AITER"]);
        Assert.Equal("from-launch", env["NODE_WIDE"]);        // the preset wins over the node
        Assert.Equal("America/Los_Angeles", env["TZ"]);
        Assert.Equal("0", env["HSA_ENABLE_COREDUMP"]);
    }

    [Fact]
    public void Nvidia_container_requests_exactly_the_leased_gpus_and_numbers_them_from_zero()
    {
        var spec = DockerContainerSpecBuilder.Build(Options(), Request(H100, [2, 3], GpuVendor.Nvidia));
        var request = Assert.Single(spec.HostConfig.DeviceRequests);

        Assert.Equal("nvidia", request.Driver);
        Assert.Equal(["2", "3"], request.DeviceIDs);
        Assert.Equal(["gpu"], Assert.Single(request.Capabilities));
        Assert.Null(spec.HostConfig.Devices);
        Assert.Null(spec.HostConfig.GroupAdd);
        var env = Environment(spec.Env);
        Assert.Equal("0,1", env["CUDA_VISIBLE_DEVICES"]);
        Assert.False(env.ContainsKey("HIP_VISIBLE_DEVICES"));
        Assert.Equal("host", spec.HostConfig.NetworkMode);
    }

    [Fact]
    public void Every_container_is_labelled_ours_with_run_node_and_role_and_runs_the_command_in_the_image()
    {
        var spec = DockerContainerSpecBuilder.Build(Options(), Request(Mi35x, [0], GpuVendor.None));

        Assert.Equal("true", spec.Labels[DockerLabels.Managed]);
        Assert.Equal("mi35x-m12-33", spec.Labels[DockerLabels.Node]);
        Assert.Equal("run-42", spec.Labels[DockerLabels.RunId]);
        Assert.Equal(DockerLabels.ServerRole, spec.Labels[DockerLabels.Role]);
        Assert.Equal(Launch.Image, spec.Image);
        Assert.Equal("sglci-test", spec.Name);
        Assert.Equal(["python3", "-m", "sglang.launch_server"], spec.Cmd);
        Assert.Null(spec.HostConfig.Devices);
        Assert.Null(spec.HostConfig.DeviceRequests);
        Assert.Equal("0,1,2,3,4,5,6,7", Environment(spec.Env)["HIP_VISIBLE_DEVICES"]); // no GPUs managed: the preset's value stays
    }

    [Theory]
    [InlineData("mi30x", GpuVendor.Amd)]
    [InlineData("mi355x", GpuVendor.Amd)]
    [InlineData("h100", GpuVendor.Nvidia)]
    [InlineData("b200", GpuVendor.Nvidia)]
    [InlineData("sim", GpuVendor.None)]
    [InlineData("minikube", GpuVendor.None)]
    public void Vendor_follows_the_hardware_name_unless_configured(string hardware, GpuVendor expected)
    {
        Assert.Equal(expected, GpuVendors.For(hardware, null));
        Assert.Equal(GpuVendor.Nvidia, GpuVendors.For(hardware, GpuVendor.Nvidia));
    }

    [Fact]
    public void Server_command_adds_model_host_and_port_unless_the_preset_names_them()
    {
        var options = new DockerRuntimeOptions { ServerHost = "0.0.0.0" };
        var launch = Launch with { ServerArgs = ["--tp", "8", "--port=31000"] };

        Assert.Equal(
            ["python3", "-m", "sglang.launch_server", "--model-path", "/mnt/raid/models/DeepSeek-V3-0324", "--host", "0.0.0.0", "--tp", "8", "--port=31000"],
            DockerServerCommand.Build(options, launch, 31000));
        Assert.Equal(31000, DockerServerCommand.PortIn(launch.ServerArgs));
        Assert.Null(DockerServerCommand.PortIn(["--tp", "8"]));
        Assert.Equal("127.0.0.1", options.EffectiveClientHost);
        Assert.Throws<ArgumentException>(() => DockerServerCommand.PortIn(["--port", "x"]));
    }

    [Fact]
    public void Image_references_always_name_a_tag_or_digest()
    {
        Assert.Equal(new DockerImageReference("rocm/sgl-dev", "v0.5.6-rocm700-mi35x-20251216"), DockerImageReference.Parse("rocm/sgl-dev:v0.5.6-rocm700-mi35x-20251216"));
        Assert.Equal(new DockerImageReference("localhost:5000/sgl", "latest"), DockerImageReference.Parse("localhost:5000/sgl"));
        Assert.Equal(new DockerImageReference("localhost:5000/sgl", "t"), DockerImageReference.Parse("localhost:5000/sgl:t"));
        Assert.Null(DockerImageReference.Parse("sgl@sha256:abc").Tag);
    }

    [Fact]
    public void Endpoint_is_configuration_then_docker_host_then_the_local_socket()
    {
        Assert.Equal("unix:///x/docker.sock", new DockerRuntimeOptions { Endpoint = "unix:///x/docker.sock" }.ResolveEndpoint(_ => "unix:///y.sock").ToString());
        Assert.Equal("unix:///y.sock", new DockerRuntimeOptions().ResolveEndpoint(_ => "unix:///y.sock").ToString());
        Assert.Equal(DockerRuntimeOptions.DefaultEndpoint, new DockerRuntimeOptions().ResolveEndpoint(_ => null).ToString());
        Assert.DoesNotContain("hunter2", new DockerRegistryOptions { Username = "ci", Password = "hunter2" }.ToString(), StringComparison.Ordinal);
    }

    private static DockerContainerRequest Request(NodeInventory node, IReadOnlyList<int> gpus, GpuVendor vendor) =>
        new("sglci-test", node, Launch, gpus, ["python3", "-m", "sglang.launch_server"], DockerLabels.ServerRole, vendor);

    private static Dictionary<string, string> Environment(IEnumerable<string> env) =>
        env.Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}
