using SglangCi.Cli.Output;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;
using Spectre.Console;

namespace SglangCi.Cli.Commands;

/// <summary>Polls a run once a second until it ends, with or without a live display.</summary>
public static class RunWatcher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Task<RunSummary> WaitQuietlyAsync(IRunGrain grain, RunSummary current, CancellationToken cancellationToken) =>
        PollAsync(grain, current, onPoll: null, cancellationToken);

    public static async Task<RunSummary> WaitWithProgressAsync(IAnsiConsole console, IRunGrain grain, RunSummary current, CancellationToken cancellationToken)
    {
        console.MarkupLineInterpolated($"run [bold]{current.Id}[/]");
        await console.Progress()
            .AutoClear(false)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                // The bar advances by phase: the run's state machine is the only progress measure every runtime reports.
                var task = context.AddTask(Describe(current), maxValue: (double)RunPhase.Done);
                current = await PollAsync(grain, current, run =>
                {
                    task.Value = (double)run.Phase;
                    task.Description = Describe(run);
                }, cancellationToken);

                task.Value = task.MaxValue;
                task.Description = Describe(current);
                task.StopTask();
            });
        console.WriteLine();
        return current;
    }

    /// <summary>Re-reads the run every <see cref="PollInterval"/> until it is terminal; <paramref name="onPoll"/> sees each non-terminal state first.</summary>
    private static async Task<RunSummary> PollAsync(IRunGrain grain, RunSummary current, Action<RunSummary>? onPoll, CancellationToken cancellationToken)
    {
        while (!current.Status.IsTerminal())
        {
            onPoll?.Invoke(current);
            await Task.Delay(PollInterval, cancellationToken);
            current = await grain.GetSummary() ?? current;
        }

        return current;
    }

    private static string Describe(RunSummary run) => run.Status.IsTerminal()
        ? Display.Status(run.Status) + (run.Reason is null ? "" : $" [grey]{Markup.Escape(run.Reason)}[/]")
        : run.Status == RunStatus.Queued ? "[grey]queued, waiting for GPUs[/]"
        : $"[blue]running[/] [bold]{run.Phase.ToWireName()}[/]";
}
