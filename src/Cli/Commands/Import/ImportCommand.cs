using SglangCi.Cli.Cluster;
using SglangCi.Cli.Output;
using SglangCi.Interfaces.History;
using SglangCi.Silo.Storage.History;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Import;

/// <summary>
/// Runs an import with a progress bar on stderr and prints its report: directly on a database file with
/// <c>--db</c>, else through the cluster, where the silo reads the path (so it must be on the silo's machine) and
/// this command follows the import grain's progress. Exit code 0 when the import ran, also when some files were
/// rejected (they are listed); 1 when it could not run at all.
/// </summary>
public abstract class ImportCommand<TSettings> : AsyncCommand<TSettings>
    where TSettings : ImportSettings
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    protected abstract HistoryImportRequest Request(TSettings settings);

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var request = Request(settings);
        var report = await WithProgressAsync(request, async (progress, ct) => settings.Database is { } db
            ? await new HistoryImporter(DatabaseFileOption.Open(db, mustExist: false), TimeProvider.System).ImportAsync(request, progress, ct)
            : await ThroughClusterAsync(settings, request, progress, ct), cancellationToken);
        if (settings.Json)
        {
            JsonOutput.Write(report);
        }
        else
        {
            ImportReportView.Render(Consoles.Out, request, report);
        }

        return ExitCodes.Success;
    }

    private static async Task<HistoryImportReport> ThroughClusterAsync(ImportSettings settings, HistoryImportRequest request, IProgress<HistoryImportProgress> progress, CancellationToken ct)
    {
        await using var connection = await ClusterConnection.ConnectAsync(settings.Target, ct);
        var grain = connection.Client.GetGrain<IHistoryImportGrain>(request.Kind);
        var status = await grain.Start(request);
        if (status.Request != request)
        {
            throw new InvalidOperationException($"An import of {status.Request?.Kind} from '{status.Request?.Path}' is already running in the cluster; wait for it to finish.");
        }

        while (status.Running)
        {
            if (status.Progress is { } p)
            {
                progress.Report(p);
            }

            await Task.Delay(PollInterval, ct);
            status = await grain.GetStatus();
        }

        return status.Report ?? throw new InvalidOperationException($"The import failed in the cluster: {status.Error}");
    }

    private static async Task<HistoryImportReport> WithProgressAsync(HistoryImportRequest request, Func<IProgress<HistoryImportProgress>, CancellationToken, Task<HistoryImportReport>> work, CancellationToken ct)
    {
        HistoryImportReport? report = null;
        await Consoles.CreateError().Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"import {request.Kind}", maxValue: 1);
                report = await work(new ProgressBar(task), ct);
                task.Value = task.MaxValue;
            });
        return report!;
    }

    /// <summary>Moves the bar by units (by bytes when known: folders differ in size by orders of magnitude).</summary>
    private sealed class ProgressBar(ProgressTask task) : IProgress<HistoryImportProgress>
    {
        public void Report(HistoryImportProgress value)
        {
            var (done, total) = value.BytesTotal > 0 ? (value.BytesDone, value.BytesTotal) : (value.UnitsDone, (long)value.UnitsTotal);
            task.MaxValue = Math.Max(1, total);
            task.Value = Math.Min(done, task.MaxValue);
            task.Description = $"import · {value.UnitsDone}/{value.UnitsTotal}";
        }
    }
}

/// <summary><c>import seed-logs DIR</c>.</summary>
public sealed class SeedLogsImportCommand : ImportCommand<SeedLogsImportSettings>
{
    protected override HistoryImportRequest Request(SeedLogsImportSettings settings) =>
        new(HistoryImportRequest.SeedLogs, Path.GetFullPath(settings.Directory), settings.Force);
}

/// <summary><c>import seed-db FILE</c>.</summary>
public sealed class SeedDbImportCommand : ImportCommand<SeedDbImportSettings>
{
    protected override HistoryImportRequest Request(SeedDbImportSettings settings) =>
        new(HistoryImportRequest.SeedDb, Path.GetFullPath(settings.File), settings.Force);
}
