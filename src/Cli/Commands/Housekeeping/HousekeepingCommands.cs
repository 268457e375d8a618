using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Housekeeping;

/// <summary>Registers the standalone <c>housekeeping</c> command, which talks to the local Docker engine, not the cluster.</summary>
public static class HousekeepingCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddCommand<HousekeepingCommand>("housekeeping")
            .WithDescription("Free disk space on this node: remove our Docker images older than N days that no container uses, dangling images and GPU core dumps; report disk space. Exit 1 when a removal failed or Docker did not answer.")
            .WithExample("housekeeping", "--dry-run")
            .WithExample("housekeeping", "--older-than-days", "3", "--core-dump-dir", "/mnt/raid/sglang-ci")
            .WithExample("housekeeping", "--docker-host", "unix:///var/run/docker.sock", "--repository", "rocm/sgl-dev", "--dry-run", "--json");
    }
}
