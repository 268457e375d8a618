using Docker.DotNet;
using Docker.DotNet.Models;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>Runs a command in a running container (<c>docker exec</c>), its stdout and stderr streamed into a <see cref="ContainerOutput"/>, and returns its exit code.</summary>
internal static class DockerCommandExec
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    /// <param name="settings">Environment and working directory for this command only (a container that is kept as an
    /// image must not carry them); null: the container's.</param>
    public static async Task<int> RunAsync(
        IDockerClient client, string containerId, IReadOnlyList<string> command, ContainerOutput output, CancellationToken ct, KeptCommandSettings? settings = null)
    {
        var exec = await client.Exec.ExecCreateContainerAsync(
            containerId,
            new ContainerExecCreateParameters
            {
                Cmd = [.. command],
                Env = settings?.Environment,
                WorkingDir = settings?.WorkingDir,
                AttachStdout = true,
                AttachStderr = true,
                Tty = false,
            },
            ct);
        using (var stream = await client.Exec.StartAndAttachContainerExecAsync(exec.ID, false, ct))
        {
            await DockerOutputPump.CopyAsync(stream, output, ct);
        }

        // The output ends a moment before Docker records the exit code.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var state = await client.Exec.InspectContainerExecAsync(exec.ID, ct);
            if (!state.Running || waited.Elapsed > ExitWait)
            {
                return state.Running ? throw new InvalidOperationException($"command '{command[0]}' closed its output but did not exit") : (int)state.ExitCode;
            }

            await Task.Delay(50, ct);
        }
    }
}
