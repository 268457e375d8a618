using SglangCi.Cli.Output;
using SglangCi.Interfaces;
using Spectre.Console;

namespace SglangCi.Cli.Commands.Schedules;

/// <summary><c>schedule enable|disable NAME</c>: the two differ only in the value they set.</summary>
public abstract class ScheduleSwitchCommand : ClusterCommand<ScheduleNameSettings>
{
    protected abstract bool Enable { get; }

    protected override async Task<int> ExecuteAsync(IGrainFactory grains, ScheduleNameSettings settings, CancellationToken cancellationToken)
    {
        await ScheduleLookup.RequireAsync(grains, settings.Name);
        var status = await grains.GetGrain<IScheduleGrain>(settings.Name).SetEnabled(Enable);
        var json = ScheduleJson.From(status.Definition!, status, DateTimeOffset.UtcNow);
        Print(settings, json, () => Consoles.Out.MarkupLine(json.Enabled
            ? $"schedule [bold]{Markup.Escape(json.Name)}[/] enabled; next firing {Markup.Escape(json.NextFiringLocal ?? "none")} ({Markup.Escape(json.NextFiringIn ?? "never")})"
            : $"schedule [bold]{Markup.Escape(json.Name)}[/] disabled"));
        return ExitCodes.Success;
    }
}

public sealed class ScheduleEnableCommand : ScheduleSwitchCommand
{
    protected override bool Enable => true;
}

public sealed class ScheduleDisableCommand : ScheduleSwitchCommand
{
    protected override bool Enable => false;
}
