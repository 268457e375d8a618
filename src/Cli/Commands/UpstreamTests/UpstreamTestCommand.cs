using SglangCi.Interfaces.Runs;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands.UpstreamTests;

/// <summary>
/// <c>upstream-test</c>: starts an upstream-test run (SGLang's own test files from an image, one container, each under its
/// own timeout) on a node's GPU lease, and with <c>--wait</c> follows it and prints each test's result.
/// </summary>
public sealed class UpstreamTestCommand : ClusterCommand<UpstreamTestSettings>
{
    protected override Task<int> ExecuteAsync(IGrainFactory grains, UpstreamTestSettings settings, CancellationToken cancellationToken)
    {
        var mode = RunMode.UpstreamTest;
        var runId = RunIds.Create(mode.WireName(), settings.Node!, DateTimeOffset.UtcNow);
        var request = new RunRequest("", settings.Node!, mode, settings.Image, ImageDate: null, Trigger: "cli") { Options = settings.ToOptions() };
        return RunLauncher.StartAsync(grains, runId, request, settings.Wait, settings.Json, cancellationToken);
    }
}
