using SglangCi.Cli.Output;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;
using Spectre.Console;

namespace SglangCi.Cli.Commands;

/// <summary>Polls a run once a second until it ends, with or without a live display.</summary>
public static class RunWatcher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<RunSummary> WaitQuietlyAsync(IRunGrain grain, RunSummary current, CancellationToken cancellationToken)
    {
        while (!current.Status.IsTerminal())
        {
            await Task.Delay(PollInterval, cancellationToken);
            current = await grain.GetSummary() ?? current;
        }

        return current;
    }

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
                while (!current.Status.IsTerminal())
                {
                    task.Value = (double)current.Phase;
                    task.Description = Describe(current);
                    await Task.Delay(PollInterval, cancellationToken);
                    current = await grain.GetSummary() ?? current;
                }

                task.Value = task.MaxValue;
                task.Description = Describe(current);
                task.StopTask();
            });
        console.WriteLine();
        return current;
    }

    private static string Describe(RunSummary run) => run.Status.IsTerminal()
        ? Display.Status(run.Status) + (run.Reason is null ? "" : $" [grey]{Markup.Escape(run.Reason)}[/]")
        : run.Status == RunStatus.Queued ? "[grey]queued, waiting for GPUs[/]"
        : $"[blue]running[/] [bold]{run.Phase.ToWireName()}[/]";
}
