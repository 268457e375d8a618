using SglangCi.Cli.Output;
using SglangCi.Toolkit.Downloads;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Download;

/// <summary>
/// <c>download-models</c>: <see cref="ModelDownloader"/> over the catalog's entries, one model after the other (a failed
/// model does not stop the rest; the exit code says 1). The progress bar goes to stderr, so <c>--json</c> and tables on
/// stdout stay clean; <c>--status</c> never touches the network.
/// </summary>
public sealed class DownloadModelsCommand : AsyncCommand<DownloadModelsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DownloadModelsSettings settings, CancellationToken cancellationToken)
    {
        var (catalog, catalogSource) = LoadCatalog(settings.Catalog);
        var entries = Select(catalog, settings);
        var baseDir = settings.ResolveBaseDirectory();

        if (settings.Status)
        {
            var statuses = entries
                .Select(e => ModelStatusJson.From(e, LocalModelStatus.Inspect(e.LocalPath(baseDir), ModelStatusJson.ApproxBytesOf(e))))
                .ToList();
            if (settings.Json)
            {
                JsonOutput.Write(new { baseDir, catalog = catalogSource, models = statuses });
            }
            else
            {
                DownloadModelsView.RenderStatus(Consoles.Out, baseDir, statuses);
            }

            return ExitCodes.Success;
        }

        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var hubOptions = HuggingFaceOptions.FromEnvironment() with { TokenVariable = settings.TokenEnv };
        if (settings.Endpoint is not null)
        {
            hubOptions = hubOptions with { Endpoint = new Uri(settings.Endpoint, UriKind.Absolute) };
        }

        var client = new HuggingFaceClient(http, hubOptions);
        var downloader = new ModelDownloader(client, new ModelDownloadOptions
        {
            DryRun = settings.DryRun,
            Verify = settings.Verify,
            Revision = settings.Revision,
            MaxParallelFiles = settings.ParallelFiles,
        });

        var results = new List<DownloadModelJson>();
        var interactive = !settings.Json && !settings.DryRun && !Console.IsErrorRedirected;
        if (interactive)
        {
            await Consoles.CreateError().Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(),
                    new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    foreach (var entry in entries)
                    {
                        var task = ctx.AddTask(Markup.Escape(entry.Key), maxValue: 1);
                        var progress = new SpectreProgress(task, entry.Key);
                        results.Add(await DownloadOneAsync(downloader, entry, baseDir, progress, cancellationToken));
                        task.Value = task.MaxValue;
                        task.StopTask();
                    }
                });
        }
        else
        {
            foreach (var entry in entries)
            {
                var progress = settings.Json || settings.DryRun ? null : new LineProgress(entry.Key);
                results.Add(await DownloadOneAsync(downloader, entry, baseDir, progress, cancellationToken));
            }
        }

        var report = new DownloadModelsJson(baseDir, catalogSource, settings.DryRun, results);
        if (settings.Json)
        {
            JsonOutput.Write(report);
        }
        else
        {
            DownloadModelsView.RenderResults(Consoles.Out, report);
        }

        foreach (var failed in results.Where(r => r.Error is not null))
        {
            await Console.Error.WriteLineAsync($"error: {failed.Key}: {failed.Error}");
        }

        return results.Any(r => r.Error is not null) ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static async Task<DownloadModelJson> DownloadOneAsync(
        ModelDownloader downloader, ModelDownloadEntry entry, string baseDir, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        var outcome = await downloader.TryDownloadAsync(entry, baseDir, progress, ct);
        return DownloadModelJson.From(entry, outcome.LocalDirectory, outcome.Result, outcome.Error);
    }

    /// <summary>
    /// <c>--catalog</c> when given; else <c>deploy/downloads/models.json</c> above the app (a checkout, where an edited
    /// catalog must win without a rebuild); else the copy built into the Toolkit assembly (an installed CLI).
    /// </summary>
    private static (ModelDownloadCatalog Catalog, string Source) LoadCatalog(string? path)
    {
        if (path is not null)
        {
            return (ModelDownloadCatalog.Load(path), Path.GetFullPath(path));
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ModelDownloadCatalog.RepositoryPath);
            if (File.Exists(candidate))
            {
                return (ModelDownloadCatalog.Load(candidate), candidate);
            }
        }

        var shipped = ModelDownloadCatalog.LoadShipped();
        return (shipped, shipped.Source);
    }

    /// <summary>The entries the options ask for; unknown keys or hardware are argument errors (exit 2) naming what exists.</summary>
    private static IReadOnlyList<ModelDownloadEntry> Select(ModelDownloadCatalog catalog, DownloadModelsSettings settings)
    {
        if (settings.Hardware is { } hw && !catalog.HardwareNames.Contains(hw, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Unknown --hardware '{hw}'; the catalog knows {string.Join(", ", catalog.HardwareNames)}.");
        }

        return catalog.Select(settings.Models, settings.Hardware);
    }

    /// <summary>Feeds one model's progress into its Spectre task; reports arrive from several download threads.</summary>
    private sealed class SpectreProgress(ProgressTask task, string key) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value)
        {
            task.MaxValue = Math.Max(1, value.BytesTotal);
            task.Value = Math.Max(task.Value, value.BytesDone);
            var file = value.CurrentFile is null ? string.Empty : $" · {value.CurrentFile}";
            task.Description = Markup.Escape($"{key} {value.FilesDone}/{value.FilesTotal}{file}");
        }
    }

    /// <summary>Without a terminal (cron, CI logs): one stderr line per finished file, no redraws.</summary>
    private sealed class LineProgress(string key) : IProgress<DownloadProgress>
    {
        private int _lastFiles = -1;

        public void Report(DownloadProgress value)
        {
            if (Interlocked.Exchange(ref _lastFiles, value.FilesDone) == value.FilesDone)
            {
                return;
            }

            Console.Error.WriteLine(value.Describe(key));
        }
    }
}
