using System.Diagnostics;

namespace SglangCi.Silo.RunKinds.UpstreamCoverage;

/// <summary>
/// <c>git pull --ff-only</c> in a checkout, with a time limit. Its outcome is a line for the run's check: a pull that fails
/// (no network, a diverged branch) leaves the checkout as it was, and the report counts what is there.
/// </summary>
public static class CheckoutPull
{
    /// <returns>Whether it worked, and git's last line (or why it could not run).</returns>
    public static async Task<(bool Ok, string Said)> RunAsync(string checkout, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-C", checkout, "pull", "--ff-only", "--quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        // Never ask for credentials on a terminal the silo does not have.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (false, $"git could not run: {e.Message}");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                // Timed out or the run was cancelled: either way git must not go on writing into the checkout.
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                return (false, $"git pull did not finish within {timeout.TotalMinutes.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} min");
            }

            var said = LastLine(await errors) ?? LastLine(await output);
            return process.ExitCode == 0
                ? (true, said ?? "up to date")
                : (false, $"git pull --ff-only exited {process.ExitCode}: {said ?? "no message"}");
        }
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
}
