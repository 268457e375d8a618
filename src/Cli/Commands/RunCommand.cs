using System.ComponentModel;
using SglangCi.Cli.Cluster;
using SglangCi.Cli.Output;
using SglangCi.Interfaces;
using SglangCi.Interfaces.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SglangCi.Cli.Commands;

/// <summary><c>run</c>: starts one run of a preset on a node, and optionally follows it to the end.</summary>
public sealed class RunCommand : ClusterCommand<RunCommand.Settings>
{
    public sealed class Settings : ClusterSettings
    {
        [CommandOption("-p|--preset <PRESET>")]
        [Description("Model preset to run (see `sglang-ci presets`). Required.")]
        public string? Preset { get; set; }

        [CommandOption("-n|--node <NODE>")]
        [Description("GPU node to run on (see `sglang-ci nodes`). Required.")]
        public string? Node { get; set; }

        [CommandOption("--mode <MODE>")]
        [Description("Benchmark mode. [green]online[/] (engine, GSM8K gate, bench_serving sweep) or [green]offline[/] (bench_one_batch per case of the preset's offline plan).")]
        [DefaultValue("online")]
        public string Mode { get; set; } = "online";

        [CommandOption("--image <TAG>")]
        [Description("Engine image tag; omit to use the node runtime's default (the simulator's own on sim nodes).")]
        public string? Image { get; set; }

        [CommandOption("--image-date <YYYY-MM-DD>")]
        [Description("Nightly date the image stands for; defaults to today (UTC) on the cluster side.")]
        public string? ImageDate { get; set; }

        [CommandOption("-w|--wait")]
        [Description("Follow the run live until it ends, then print its details. Exit code 0 only if it succeeded.")]
        public bool Wait { get; set; }

        public RunMode ParsedMode => Enum.Parse<RunMode>(Mode, ignoreCase: true);

        public DateOnly? ParsedImageDate => ImageDate is null ? null : DateArguments.Parse(ImageDate);

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Preset))
            {
                return ValidationResult.Error("--preset is required (list them with `sglang-ci presets`)");
            }

            if (string.IsNullOrWhiteSpace(Node))
            {
                return ValidationResult.Error("--node is required (list them with `sglang-ci nodes`)");
            }

            if (!Enum.TryParse<RunMode>(Mode, ignoreCase: true, out _) || int.TryParse(Mode, out _))
            {
                var modes = string.Join(", ", Enum.GetNames<RunMode>().Select(n => n.ToLowerInvariant()));
                return ValidationResult.Error($"--mode must be one of: {modes}; got '{Mode}'");
            }

            if (ImageDate is not null && DateArguments.Parse(ImageDate) is null)
            {
                return ValidationResult.Error(DateArguments.Error("--image-date", ImageDate));
            }

            return base.Validate();
        }
    }

    protected override async Task<int> ExecuteAsync(IGrainFactory grains, Settings settings, CancellationToken cancellationToken)
    {
        var preset = settings.Preset!;
        var node = settings.Node!;
        var runId = RunIds.Create(preset, node, DateTimeOffset.UtcNow);
        var request = new RunRequest(preset, node, settings.ParsedMode, settings.Image, settings.ParsedImageDate, Trigger: "cli");
        return await RunLauncher.StartAsync(grains, runId, request, settings.Wait, settings.Json, cancellationToken);
    }
}
