using SglangCi.Cli.Output;
using SglangCi.Toolkit.Images;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.Images;

/// <summary>
/// <c>images find</c>: the image a nightly run on this hardware would use tonight (the old scripts' discovery, with
/// its rocm630 and earlier-night fallbacks). Exit 0 with an image, 1 without one or when the registry failed.
/// </summary>
public sealed class ImagesFindCommand : AsyncCommand<ImagesFindSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ImagesFindSettings settings, CancellationToken cancellationToken)
    {
        var query = settings.ToQuery(TimeProvider.System);
        using var http = RegistryHttp.Create();
        var finder = new NightlyImageFinder(new DockerHubTagClient(http, settings.RegistryUrl));
        NightlyImageResult result;
        try
        {
            result = await RegistryProgress.RunAsync(settings.Json, $"Looking for the {query.Hardware} nightly of {query.Today:yyyy-MM-dd}",
                progress => finder.FindAsync(query, progress, cancellationToken));
        }
        catch (RegistryException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        if (settings.Json)
        {
            JsonOutput.Write(ImagesJson.From(result));
        }
        else
        {
            ImagesView.RenderFind(Consoles.Out, result);
        }

        return result.Found ? ExitCodes.Success : ExitCodes.Failure;
    }
}
