using SglangCi.Cli.Output;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;
using Spectre.Console;

namespace SglangCi.Cli.Commands.Schedules;

/// <summary><c>schedule fire NAME</c>: fires it now and prints each job's run, with the verdict of those decided without running.</summary>
public sealed class ScheduleFireCommand : ClusterCommand<ScheduleNameSettings>
{
    protected override async Task<int> ExecuteAsync(IGrainFactory grains, ScheduleNameSettings settings, CancellationToken cancellationToken)
    {
        await ScheduleLookup.RequireAsync(grains, settings.Name);
        var ids = await grains.GetGrain<IScheduleGrain>(settings.Name).Fire($"schedule:{settings.Name} fired by cli");
        var summaries = await Task.WhenAll(ids.Select(id => grains.GetGrain<IRunGrain>(id).GetSummary()));
        var runs = summaries.OfType<RunSummary>().ToList();
        Print(settings, runs.Select(RunJson.From).ToList(), () => Render(settings.Name, runs));
        return ExitCodes.Success;
    }

    private static void Render(string schedule, IReadOnlyList<RunSummary> runs)
    {
        Consoles.Out.MarkupLine($"schedule [bold]{Markup.Escape(schedule)}[/] fired: {runs.Count} run(s)");
        foreach (var run in runs)
        {
            // Queued runs are doing their work; a run already ended was decided at firing (no new image, no image).
            var verdict = run.Status.IsTerminal() ? $" {Display.Status(run.Status)}: {Display.Text(run.Reason)}" : "";
            Consoles.Out.MarkupLine($"  {Markup.Escape(run.JobKey ?? run.Preset)}  {Markup.Escape(run.Id)}{verdict}");
        }
    }
}
