using SglangCi.Grains.Runs;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Downloads;

namespace SglangCi.Silo.RunKinds.ModelDownload;

/// <summary>
/// The old <c>download_models.sh</c> as a run: fetches model weights from Hugging Face (or a mirror) onto the node, one
/// model after the other, with the Toolkit's <see cref="ModelDownloader"/> (complete files skipped, partial ones resumed,
/// hashes checked, free space checked first). Which models: the job's <see cref="RunOptions.Models"/> (catalog keys), else
/// every entry of the download catalog for the node's hardware; they go to <see cref="ModelDownloadSettings.BaseDirectory"/>
/// under each entry's local directory. A dry run (<see cref="RunOptions.DryRun"/>) asks the Hub what would be fetched and
/// writes nothing. Holds no GPUs; a preset, when the job names one, plays no part.
/// <para>Records one check per model (<c>model KEY</c>: bytes fetched, "present, 0 bytes to fetch", or what a dry run
/// would fetch; the error when it failed) and a progress line in the run's log every few seconds.</para>
/// <para>Fails the run when any model failed (a failed model does not stop the others; the reason names every failed
/// model with its error), when a key is not in the catalog, or when <see cref="RunOptions.Timeout"/> (default
/// <see cref="ModelDownloadSettings.DefaultTimeout"/>) runs out: the download in progress stops and leaves its
/// <c>.incomplete</c> files, which the next run resumes. Skipped when the catalog has no model for the node's hardware.
/// Raises no alert of its own: the pipeline's alert for a failed or skipped run covers it.</para>
/// </summary>
public sealed class ModelDownloadKind : IRunKind
{
    private readonly ModelDownloadSettings _settings;
    private readonly Func<ModelDownloadCatalog> _catalog;
    private readonly Func<HttpClient> _http;
    private readonly Func<string, string?>? _environment;
    private readonly ModelDownloadOptions _download;
    private readonly Func<string, long>? _availableBytes;

    /// <param name="catalog">The download catalog; read when a run needs it, so a broken catalog file fails the runs that
    /// read it (saying why) instead of the silo's start.</param>
    /// <param name="http">A client for the Hub with no overall timeout (stalls are caught per read); disposed after each run.</param>
    /// <param name="environment">Reads <c>HF_ENDPOINT</c> and the token; default the process environment (tests pass their own).</param>
    /// <param name="download">Retries and their delays; default <see cref="ModelDownloadOptions"/>.</param>
    /// <param name="availableBytes">Free bytes for a directory; default the disk's (tests pass their own).</param>
    public ModelDownloadKind(
        ModelDownloadSettings settings,
        Func<ModelDownloadCatalog> catalog,
        Func<HttpClient> http,
        Func<string, string?>? environment = null,
        ModelDownloadOptions? download = null,
        Func<string, long>? availableBytes = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(http);
        _settings = settings;
        _catalog = catalog;
        _http = http;
        _environment = environment;
        _download = (download ?? new ModelDownloadOptions()) with { MaxParallelFiles = Math.Max(1, settings.ParallelFiles) };
        _availableBytes = availableBytes;
    }

    public RunMode Mode => RunMode.ModelDownload;

    /// <summary>Nothing is launched, so a preset's pre-launch steps do not apply.</summary>
    public bool RunsPreLaunch => false;

    public async Task<RunOutcome> ExecuteAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var hardware = run.Plan.Hardware;
        IReadOnlyList<ModelDownloadEntry> entries;
        try
        {
            var catalog = _catalog();
            entries = run.Plan.Options.Models is { Count: > 0 } keys
                ? catalog.Select(keys, hardware: null)
                : string.IsNullOrWhiteSpace(hardware) ? [] : catalog.ForHardware(hardware);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException)
        {
            return RunOutcome.Failed($"model download: {e.Message}");
        }

        if (entries.Count == 0)
        {
            return RunOutcome.Skipped($"no models in the download catalog for hardware {(string.IsNullOrWhiteSpace(hardware) ? "(none)" : hardware)}");
        }

        await run.PhaseSkippedAsync(RunPhase.Gsm8kGate);
        await run.PhaseStartedAsync(RunPhase.Benchmark);
        var dryRun = run.Plan.Options.DryRun == true;
        var timeout = run.Plan.Options.Timeout ?? ModelDownloadSettings.DefaultTimeout;
        var baseDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(_settings.BaseDirectory) ? ModelDownloadSettings.DefaultBaseDirectory : _settings.BaseDirectory);
        var hub = HuggingFaceOptions.FromEnvironment(_environment);
        if (_settings.Endpoint is { } endpoint)
        {
            hub = hub with { Endpoint = endpoint };
        }

        using var http = _http();
        var client = new HuggingFaceClient(http, hub, _environment);
        var downloader = new ModelDownloader(client, _download with { DryRun = dryRun }, _availableBytes);
        await run.LogAsync(
            $"model download: {string.Join(", ", entries.Select(e => e.Key))} from {hub.Endpoint} into {baseDirectory}; " +
            $"token {(client.HasToken ? "found" : "none")}; timeout {timeout:c}{(dryRun ? "; dry run, nothing is written" : "")}");

        using var deadline = new CancellationTokenSource(timeout, run.Time);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(run.CancellationToken, deadline.Token);
        var failed = new List<ModelDownloadOutcome>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            run.Stage = $"model download {entry.Key}";
            var localDirectory = entry.LocalPath(baseDirectory);
            await run.LogAsync($"{entry.Key}: {entry.HfRepo}{(entry.Revision is null ? "" : "@" + entry.Revision)} -> {localDirectory}");
            var startedAt = run.Time.GetUtcNow();
            var progress = new DownloadProgressLog(entry.Key);
            ModelDownloadOutcome? outcome = null;
            try
            {
                outcome = await progress.LogWhileAsync(
                    downloader.TryDownloadAsync(entry, baseDirectory, progress, work.Token), run.LogAsync, _settings.ProgressInterval, run.Time);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !run.CancellationToken.IsCancellationRequested)
            {
                // The time is up: reported below, like a cancellation the downloader turned into an error.
            }

            var took = run.Time.GetUtcNow() - startedAt;
            if (outcome is not { Succeeded: true } && deadline.IsCancellationRequested && !run.CancellationToken.IsCancellationRequested)
            {
                await run.ReportCheckAsync(ModelDownloadChecks.TimedOut(entry, timeout, took, localDirectory));
                foreach (var later in entries.Skip(i + 1))
                {
                    await run.ReportCheckAsync(ModelDownloadChecks.NotStarted(later, $"not started: the run's {timeout:c} ran out during {entry.Key}"));
                }

                await run.LogAsync($"{entry.Key}: stopped, the run's {timeout:c} ran out; partial files are kept for the next run");
                var before = failed.Count == 0 ? "" : $"; failed before: {Describe(failed)}";
                return RunOutcome.Failed($"model download timed out after {timeout:c} during {entry.Key} (partial files kept for the next run to resume){before}");
            }

            run.CancellationToken.ThrowIfCancellationRequested();
            var check = ModelDownloadChecks.For(outcome!, took);
            await run.ReportCheckAsync(check);
            await run.LogAsync($"{entry.Key}: {(outcome!.Succeeded ? check.Detail : "failed: " + outcome.Error)}");
            if (!outcome.Succeeded)
            {
                failed.Add(outcome);
            }
        }

        await run.PhaseStartedAsync(RunPhase.Collected);
        return failed.Count == 0
            ? RunOutcome.Succeeded
            : RunOutcome.Failed($"model download failed for {failed.Count} of {entries.Count} models: {Describe(failed)}");
    }

    private static string Describe(IEnumerable<ModelDownloadOutcome> failed) =>
        string.Join("; ", failed.Select(f => $"{f.Entry.Key} ({f.Error})"));
}
