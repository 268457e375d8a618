using Docker.DotNet;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>Copies a Docker output stream (logs or an exec's output, stdout and stderr multiplexed) into a <see cref="ContainerOutput"/> until it ends.</summary>
internal static class DockerOutputPump
{
    public static async Task CopyAsync(MultiplexedStream stream, ContainerOutput output, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct);
            if (read.EOF)
            {
                return;
            }

            if (read.Count > 0)
            {
                await output.AppendAsync(buffer, read.Count, read.Target == MultiplexedStream.TargetStream.StandardError, ct);
            }
        }
    }
}
