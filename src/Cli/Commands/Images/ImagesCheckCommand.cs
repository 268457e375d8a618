using SglangCi.Cli.Output;
using SglangCi.Toolkit.Images;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Images;

/// <summary>
/// <c>images check</c>: the old morning image check. Exit 0 iff no required image is missing (like
/// <c>nightly_image_check.sh</c>); 1 otherwise, or when the tag list could not be read.
/// </summary>
public sealed class ImagesCheckCommand : AsyncCommand<ImagesCheckSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ImagesCheckSettings settings, CancellationToken cancellationToken)
    {
        var nights = ImageAvailabilityCheck.Nights(settings.Night(TimeProvider.System), settings.Days);
        using var http = RegistryHttp.Create();
        var check = new ImageAvailabilityCheck(new DockerHubTagClient(http, settings.RegistryUrl));
        ImageAvailabilityReport report;
        try
        {
            report = await RegistryProgress.RunAsync(settings.Json, $"Checking nightly images of {nights[0]:yyyy-MM-dd}",
                progress => check.RunAsync(nights, expected: null, settings.ImageRepository, progress, cancellationToken));
        }
        catch (RegistryException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        if (settings.Json)
        {
            JsonOutput.Write(ImagesJson.From(report));
        }
        else
        {
            ImagesView.RenderCheck(Consoles.Out, report);
        }

        return report.AllRequiredAvailable ? ExitCodes.Success : ExitCodes.Failure;
    }
}
