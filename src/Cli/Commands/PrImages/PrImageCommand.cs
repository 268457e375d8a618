using SglangCi.Interfaces.Runs;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.PrImages;

/// <summary>
/// <c>pr-image</c>: starts a PR image run (a base image's SGLang checkout moved to a PR's head or a branch, kept by the
/// node's runtime as a local image tagged with it), and with <c>--wait</c> follows it and prints its checks.
/// </summary>
public sealed class PrImageCommand : ClusterCommand<PrImageSettings>
{
    protected override Task<int> ExecuteAsync(IGrainFactory grains, PrImageSettings settings, CancellationToken cancellationToken)
    {
        var mode = RunMode.PrImage;
        var runId = RunIds.Create(mode.WireName(), settings.Node!, DateTimeOffset.UtcNow);
        var request = new RunRequest("", settings.Node!, mode, settings.Image, ImageDate: null, Trigger: "cli") { Options = settings.ToOptions() };
        return RunLauncher.StartAsync(grains, runId, request, settings.Wait, settings.Json, cancellationToken);
    }
}
