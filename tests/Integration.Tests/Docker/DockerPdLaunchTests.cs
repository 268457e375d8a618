using SglangCi.Interfaces.Nodes;
using SglangCi.Silo.Runtimes.Docker;

namespace SglangCi.Integration.Tests.Docker;

/// <summary>The PD servers' containers, without Docker: a server on its half of the GPUs, the router on none with its own program.</summary>
public sealed class DockerPdLaunchTests
{
    private static readonly NodeInventory Mi30x = new("mi30x-a", "mi30x", "a", 8, EngineRuntimeKind.Docker);

    private static readonly EngineLaunch Decode = new(
        "run-pd", "rocm/sgl-dev:tag", "/mnt/raid/models/DeepSeek-V3-0324", ["--disaggregation-mode", "decode", "--port", "30026"],
        new Dictionary<string, string>(), TimeSpan.FromMinutes(20));

    [Fact]
    public void Decode_container_sees_only_its_half_of_the_gpus()
    {
        var spec = DockerContainerSpecBuilder.Build(new DockerRuntimeOptions(), Request(Decode, [4, 5, 6, 7], []));
        Assert.Contains("HIP_VISIBLE_DEVICES=4,5,6,7", spec.Env);
    }

    [Fact]
    public void Router_runs_its_own_program_without_model_path_and_gets_no_gpu_devices()
    {
        var router = Decode with
        {
            Program = ["python3", "-m", "sglang_router.launch_router"],
            ServerArgs = ["--pd-disaggregation", "--prefill", "http://h:30025", "--decode", "http://h:30026", "--port", "30028"],
            GpuSubset = [],
        };

        var command = DockerServerCommand.Build(new DockerRuntimeOptions(), router, 30028);
        Assert.Equal(["python3", "-m", "sglang_router.launch_router"], command.Take(3));
        Assert.DoesNotContain("--model-path", command);
        Assert.Contains("--pd-disaggregation", command);

        var spec = DockerContainerSpecBuilder.Build(new DockerRuntimeOptions(), Request(router, [], command));
        Assert.Null(spec.HostConfig.Devices);
        Assert.Null(spec.HostConfig.DeviceRequests);
        Assert.DoesNotContain(spec.Env, e => e.StartsWith("HIP_VISIBLE_DEVICES=", StringComparison.Ordinal));
    }

    private static DockerContainerRequest Request(EngineLaunch launch, IReadOnlyList<int> gpus, IReadOnlyList<string> command) =>
        new("sglci-test", Mi30x, launch, gpus, command, DockerLabels.ServerRole, GpuVendor.Amd);
}
