using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using SglangCi.Interfaces.Nodes;
using SglangCi.Toolkit.Parsing;
using SglangCi.Toolkit.Parsing.GpuSmi;

namespace SglangCi.Silo.Runtimes.Docker;

/// <summary>
/// The Docker node's GPU probe: the vendor's tool run on the host (Docker itself reports no GPU use), its outputs
/// parsed together by the Toolkit's <see cref="GpuSmiParser"/> and mapped by <see cref="GpuSnapshotMapping"/>. A tool
/// that is missing, hangs past its timeout, exits non-zero or prints nothing recognisable fails the probe with a
/// message naming the command.
/// </summary>
internal sealed class HostGpuProbe(DockerGpuProbeOptions options, TimeProvider time)
{
    public async Task<GpuSnapshot> ProbeAsync(NodeInventory node, GpuVendor vendor, CancellationToken ct)
    {
        var commands = options.EffectiveCommands(vendor);
        if (commands.Count == 0)
        {
            return GpuSnapshotMapping.Idle(node.GpuCount, time.GetUtcNow());
        }

        var output = new StringBuilder();
        foreach (var command in commands)
        {
            output.AppendLine(await RunAsync(command, ct));
        }

        try
        {
            return GpuSnapshotMapping.From(GpuSmiParser.Parse(output.ToString(), string.Join(" && ", commands)), node.GpuCount, time.GetUtcNow());
        }
        catch (OutputParseException e)
        {
            throw new InvalidOperationException($"GPU probe output could not be read: {e.Message}", e);
        }
    }

    private async Task<string> RunAsync(string commandLine, CancellationToken ct)
    {
        var parts = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var start = new ProcessStartInfo(parts[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in parts.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"GPU probe '{commandLine}' could not start: {e.Message}", e);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(stdout, stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (ct.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException($"GPU probe '{commandLine}' did not finish within {options.Timeout.TotalSeconds:0.#} s");
        }

        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"GPU probe '{commandLine}' exited with code {process.ExitCode}: {(await stderr).Trim()}");
    }
}
