using SglangCi.Cli.Cluster;
using SglangCi.Cli.Output;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;

namespace SglangCi.Cli.Commands;

/// <summary>
/// Starts one run and, when asked, follows it to its end: what <c>run</c>, <c>upstream-test</c> and <c>pr-image</c> share.
/// Without waiting it prints the run's id (stdout, for scripts) and a hint (stderr); waiting, a live progress display and
/// then the run's details. Exit code 0 only for a run that succeeded.
/// </summary>
public static class RunLauncher
{
    public static async Task<int> StartAsync(IGrainFactory grains, string runId, RunRequest request, bool wait, bool json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(request);
        var grain = grains.GetGrain<IRunGrain>(runId);
        var summary = await grain.Start(request);
        if (!wait)
        {
            PrintStarted(summary, json);
            return summary.Status is RunStatus.Failed or RunStatus.Skipped ? ExitCodes.Failure : ExitCodes.Success;
        }

        try
        {
            summary = json
                ? await RunWatcher.WaitQuietlyAsync(grain, summary, cancellationToken)
                : await RunWatcher.WaitWithProgressAsync(Consoles.Out, grain, summary, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"stopped waiting; run {runId} goes on in the cluster (follow it with: sglang-ci show {runId})");
            return ExitCodes.Failure;
        }

        // The same rule as `show`: the stored row once it is terminal, else the grain (the results tables may lag a moment).
        var details = await RunLookup.GetDetailsAsync(grains, runId);
        if (json)
        {
            JsonOutput.Write(details is null ? RunJson.From(summary) : RunDetailsJson.From(details));
        }
        else if (details is not null)
        {
            RunDetailsView.Render(Consoles.Out, details);
        }

        return summary.Status == RunStatus.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void PrintStarted(RunSummary summary, bool json)
    {
        if (json)
        {
            JsonOutput.Write(RunJson.From(summary));
            return;
        }

        // The bare id on stdout so scripts can capture it; the hint goes to stderr.
        Console.Out.WriteLine(summary.Id);
        Console.Error.WriteLine($"{summary.Status.ToString().ToLowerInvariant()} — follow with: sglang-ci show {summary.Id}");
    }
}
