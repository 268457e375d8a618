using System.Globalization;
using SglangCi.Grains.Runs;
using SglangCi.Grains.Runs.Kinds;
using SglangCi.Interfaces.Runs;
using SglangCi.Toolkit.Images;

namespace SglangCi.Silo.RunKinds.ImageCheck;

/// <summary>
/// <c>image-check</c> (the old <c>nightly_image_check.sh</c>): are the night's expected images in the registry? The night
/// is the run's image date (a schedule sets the firing's day), else today in UTC. The registry is the silo's
/// <c>SglangCi:Images:Registry</c> (Docker Hub by default), the repository <c>SglangCi:ImageCheck:Repository</c>
/// (<c>rocm/sgl-dev</c>), the images <see cref="ExpectedImage.SeedDefaults"/>: mi30x rocm700 and mi35x rocm700 required,
/// mi30x rocm630 optional. Each is looked for among the tags and confirmed through the single-tag endpoint
/// (<see cref="ImageAvailabilityCheck"/>).
/// <para>One check <c>image &lt;hardware&gt; &lt;rocm&gt;</c> per image: passed with the full image name, failed for a
/// missing required image, a warning for a missing optional one. A missing required image fails the run, naming the
/// missing images, and raises one alert "Nightly image missing: …" (Warning for one, Error for two or more; facts: the
/// night and each missing image). A registry that cannot be read fails the run ("registry URL unreachable: …", check
/// <c>registry</c>); that failure's own run alert is the only alert then.</para>
/// </summary>
public sealed class ImageCheckKind(Func<DockerHubTagClient> tags, ImageCheckOptions options) : IRunKind
{
    public const string RegistryCheck = "registry";

    public RunMode Mode => RunMode.ImageCheck;

    public bool RunsPreLaunch => false;

    public async Task<RunOutcome> ExecuteAsync(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var client = tags();
        var repository = ImageRepository.Parse(options.Repository);
        var night = run.Plan.ImageDate ?? DateOnly.FromDateTime(run.Time.GetUtcNow().UtcDateTime);
        await run.PhaseStartedAsync(RunPhase.Benchmark);
        var day = night.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        run.Stage = $"image check {repository} {day}";
        await run.LogAsync($"looking for {string.Join(", ", ExpectedImage.SeedDefaults)} of {day} in {repository} at {client.Registry}");

        ImageAvailabilityReport report;
        try
        {
            report = await new ImageAvailabilityCheck(client).RunAsync([night], ExpectedImage.SeedDefaults, repository, progress: null, run.CancellationToken);
        }
        catch (Exception e) when (e is RegistryException or HttpRequestException
            || (e is OperationCanceledException && !run.CancellationToken.IsCancellationRequested))
        {
            var reason = $"registry {client.Registry} unreachable: {e.Message}";
            await run.ReportCheckAsync(new RunCheckResult(RegistryCheck, CheckStatus.Failed, null, null, reason));
            return RunOutcome.Failed(reason);
        }

        foreach (var entry in report.Entries)
        {
            await run.ReportCheckAsync(ImageCheckVerdicts.Check(entry));
        }

        if (ImageCheckVerdicts.Alert(run.Plan.RunId, run.Plan.NodeName, client.Registry, report, run.Time.GetUtcNow()) is { } alert)
        {
            await run.LogAsync($"{alert.Title}: {alert.Text}");
            await run.RaiseAlertAsync(alert);
        }

        await run.PhaseStartedAsync(RunPhase.Collected);
        return ImageCheckVerdicts.Outcome(report);
    }
}
