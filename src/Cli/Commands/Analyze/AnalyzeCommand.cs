using SglangCi.Cli.Cluster;
using SglangCi.Cli.Output;
using SglangCi.Grains.Analysis;
using SglangCi.Interfaces.Analysis;
using SglangCi.Interfaces.History;
using SglangCi.Silo.Storage.Analysis;
using SglangCi.Silo.Storage.History;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Analyze;

/// <summary>
/// <c>analyze</c>: replays the regression detector over the stored history — the cluster's (through its gateway), or a
/// database file's with <c>--db</c> — and prints the flagged nights of the chosen range (or, with <c>--replay</c>, of all
/// of it, with alerts and false alerts per week), the accuracy series' bad nights, and the alerts the regression watches
/// hold open. Exit 0 when it ran, whatever it found; otherwise the CLI's usual codes (no database, no gateway).
/// </summary>
public sealed class AnalyzeCommand : AsyncCommand<AnalyzeSettings>
{
    public const int DefaultNights = 7;

    public override async Task<int> ExecuteAsync(CommandContext context, AnalyzeSettings settings, CancellationToken cancellationToken)
    {
        ReplayReport replay;
        IReadOnlyList<SeriesAlert> openAlerts;
        if (settings.Database is { } file)
        {
            var database = DatabaseFileOption.Open(file, mustExist: true);
            await using var history = new RelationalHistoryQueries(database);
            replay = await HistoryReplay.RunAsync(history, settings.Hardware, settings: null, cancellationToken);
            openAlerts = await new RelationalAnalysisStore(database).QueryAlertsAsync(WatchKey(settings.Hardware), includeResolved: false, cancellationToken);
        }
        else
        {
            await using var connection = await ClusterConnection.ConnectAsync(settings.Target, cancellationToken);
            var grains = connection.Client;
            replay = await HistoryReplay.RunAsync(new GrainHistoryQueries(grains), settings.Hardware, settings: null, cancellationToken);
            // Every hardware with history has a watch, keyed as the daily summary asks it.
            IReadOnlyList<string> hardware = WatchKey(settings.Hardware) is { } one
                ? [one]
                : [.. (await grains.GetGrain<IHistoryQueryGrain>(0).Series()).Select(s => WatchKey(s.Hardware)!).Distinct(StringComparer.Ordinal)];
            var alerts = new List<SeriesAlert>();
            foreach (var name in hardware)
            {
                alerts.AddRange(await grains.GetGrain<IRegressionWatchGrain>(name).Alerts(includeResolved: false));
            }

            openAlerts = alerts;
        }

        var to = settings.ToDate ?? replay.Last;
        var from = settings.Replay ? replay.First : settings.FromDate ?? to?.AddDays(1 - DefaultNights);
        var report = AnalysisJson.Of(replay, from, to, openAlerts);
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

    /// <summary>Regression watches and the alerts they store are keyed by lower-case hardware.</summary>
    private static string? WatchKey(string? hardware) => hardware?.ToLowerInvariant();
}
