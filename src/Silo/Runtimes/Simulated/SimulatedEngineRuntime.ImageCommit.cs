using Microsoft.Extensions.Configuration;
using SglangCi.Grains.Runtime;
using SglangCi.Interfaces.Nodes;
using SglangCi.Silo.Runtimes.Docker;
using SglangCi.Silo.Runtimes.Processes;
using SglangCi.Toolkit.Upstream.PrImages;

namespace SglangCi.Silo.Runtimes.Simulated;

/// <summary>
/// Commands that work in an image's SGLang checkout, for real: a simulated image is its checkout (see
/// <see cref="SimulatedImageStore"/>), so a command whose launch says it works there (<see cref="EngineLaunch.WorksInImageCheckout"/>,
/// which only the PR image kind sets; a run's environment cannot ask for it) runs on the host with <c>/bin/sh</c> in a
/// scratch copy of the image's checkout, <see cref="PrImageScript.CheckoutVariable"/> pointing at the copy, its stdout
/// and stderr in one stream, and git reading no user's or system's settings. When it exits 0 and the launch asks to keep
/// it (<see cref="EngineLaunch.CommitAs"/>), the copy is stored under each tag and the output ends with
/// <see cref="CommittedImage.ToLine"/> (or, when that fails, <see cref="CommittedImage.FailureLine"/>), as Docker's does.
/// The in-image path the launch gives is not used: on a simulated node the image is the checkout, wherever it lies.
/// </summary>
public sealed partial class SimulatedEngineRuntime
{
    /// <summary>Whether a run on this runtime kept <paramref name="image"/> (e.g. <c>sglang-pr7</c>).</summary>
    public bool HoldsImage(string image) => Images.Holds(image);

    /// <summary>The labels of a kept image (base image, run, PR, commit); null when this runtime did not keep it.</summary>
    public IReadOnlyDictionary<string, string>? ImageLabels(string image) => Images.LabelsOf(image);

    /// <summary>The store, made (and its scratch folder cleaned of a crashed run's leftovers) on first use.</summary>
    private SimulatedImageStore Images => _images.Value;

    /// <summary>The command's result when it works in the image's checkout; null for every other command.</summary>
    private async Task<EngineCommandResult?> TryExecInCheckoutAsync(EngineLaunch launch, IReadOnlyList<string> command, string logPath, CancellationToken ct)
    {
        if (!launch.WorksInImageCheckout)
        {
            return null;
        }

        if (!launch.Environment.ContainsKey(PrImageScript.CheckoutVariable))
        {
            throw new EngineStartException($"a command that works in the image's checkout needs {PrImageScript.CheckoutVariable} in its environment");
        }

        var store = Images;
        var scratch = store.ScratchPath();
        try
        {
            await store.CopyToScratchAsync(launch.Image, scratch, ct);
            var environment = new Dictionary<string, string>(launch.Environment, StringComparer.Ordinal)
            {
                [PrImageScript.CheckoutVariable] = scratch,
                ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin",

                // The silo's user's git settings (credential helpers, hooks, url rewrites) must not apply to a run's git.
                ["HOME"] = SimulatedImageStore.HomeOf(scratch),
                ["GIT_CONFIG_GLOBAL"] = "/dev/null",
                ["GIT_CONFIG_NOSYSTEM"] = "1",
            };
            await using var output = new ContainerOutput(logPath, tailLines: 20, keepChars: 16 * 1024 * 1024);

            // The shell merges the command's stderr into stdout, so git's errors stay in order with the script's lines.
            await using var process = LocalProcess.Start(["/bin/sh", "-c", "exec \"$@\" 2>&1", "sglci-sim", .. command], environment, scratch, output);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode == 0 && launch.CommitAs is { Count: > 0 } tags)
            {
                var line = await KeepAsync(store, scratch, launch, tags, ct);
                var bytes = System.Text.Encoding.UTF8.GetBytes(line);
                await output.AppendAsync(bytes, bytes.Length, stderr: false, ct);
            }

            return new EngineCommandResult(process.ExitCode, output.Text);
        }
        finally
        {
            SimulatedImageStore.Discard(scratch);
        }
    }

    /// <summary>The runtime's line about the kept image: what it kept, or why it could not (a full disk, a refused name).</summary>
    private static async Task<string> KeepAsync(SimulatedImageStore store, string scratch, EngineLaunch launch, IReadOnlyList<string> tags, CancellationToken ct)
    {
        try
        {
            return (await store.KeepAsync(scratch, launch, tags, ct)).ToLine();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EngineStartException)
        {
            return CommittedImage.FailureLine(tags, e.Message);
        }
    }

    private SimulatedImageStore NewImageStore()
    {
        var options = _section.Get<SimulatedImageOptions>() ?? new SimulatedImageOptions();
        var store = new SimulatedImageStore(options.ImageStore ?? _defaultImageStore, options.SglangSource);
        store.CleanScratch();
        return store;
    }
}
