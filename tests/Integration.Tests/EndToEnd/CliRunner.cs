using System.Diagnostics;

namespace SglangCi.Integration.Tests.EndToEnd;

/// <summary>
/// Runs <c>sglang-ci</c> (<c>dotnet sglang-ci.dll ...</c>) against one cluster and captures its output; the cluster is
/// named by the options appended to every command (<c>--gateway 127.0.0.1:PORT</c>, or <c>--postgres …</c>).
/// </summary>
public sealed class CliRunner(string cliAssembly, IReadOnlyList<string> clusterArguments)
{
    public CliRunner(string cliAssembly, int gatewayPort)
        : this(cliAssembly, ["--gateway", $"127.0.0.1:{gatewayPort}"])
    {
    }

    public async Task<ProcessResult> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cliAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in clusterArguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sglang-ci {string.Join(' ', arguments)} did not finish within {timeout}:\n{await stdout}\n{await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
