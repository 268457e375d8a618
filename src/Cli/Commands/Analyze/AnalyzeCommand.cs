using SglangCi.Cli.Output;
using SglangCi.Grains.Analysis;
using SglangCi.Silo.Storage.History;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Analyze;

/// <summary>
/// <c>analyze</c>: replays the regression detector over the database's history and prints the flagged nights of the
/// chosen range (or, with <c>--replay</c>, of all of it, with alerts and false alerts per week). Exit 0 when it ran,
/// whatever it found; 1 when the database cannot be read.
/// </summary>
public sealed class AnalyzeCommand : AsyncCommand<AnalyzeSettings>
{
    public const int DefaultNights = 7;

    public override async Task<int> ExecuteAsync(CommandContext context, AnalyzeSettings settings, CancellationToken cancellationToken)
    {
        await using var history = new RelationalHistoryQueries(DatabaseFileOption.Open(settings.Database!, mustExist: true));
        var replay = await HistoryReplay.RunAsync(history, settings.Hardware, settings: null, cancellationToken);
        var to = settings.ToDate ?? replay.Last;
        var from = settings.Replay ? replay.First : settings.FromDate ?? to?.AddDays(1 - DefaultNights);
        var report = AnalysisJson.Of(replay, from, to);
        if (settings.Json)
        {
            JsonOutput.Write(report);
        }
        else
        {
            AnalysisView.Render(Consoles.Out, report, settings.Replay);
        }

        return ExitCodes.Success;
    }
}
